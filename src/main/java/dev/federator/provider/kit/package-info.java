/**
 * The shared kit adapters build on: the paced, retrying HTTP client behind {@link
 * dev.federator.provider.spi.VendorHttp} and helpers for JSON trees. Not part of the contract: an adapter may use it
 * or not, and the operator wires it in.
 */
package dev.federator.provider.kit;
