/** The IdentityConnection reconciler: from spec and Secrets to the vendor, and back to the status. */
package dev.federator.connection;
