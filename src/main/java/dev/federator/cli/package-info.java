/**
 * The {@code federator} command line ({@code kubectl federator} as a kubectl plugin): {@code diff} shows what the
 * operator would do on the vendors for a set of manifests, {@code export} writes manifests for the connections a
 * platform already has. Both reuse the operator's own pieces (desired state, rendering, comparison, vendor clients)
 * and never write to a vendor or to the cluster.
 */
package dev.federator.cli;
