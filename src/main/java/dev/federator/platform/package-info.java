/** Vendor accounts: resolving a connection's platform, building and caching one vendor client per platform. */
package dev.federator.platform;
