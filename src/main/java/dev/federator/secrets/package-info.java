/** Reading Secret values, fingerprinting them without revealing them, and keeping Secrets out of memory. */
package dev.federator.secrets;
