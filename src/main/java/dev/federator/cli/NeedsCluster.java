package dev.federator.cli;

/** A plan that only the cluster's view can make (e.g. namespace labels), asked for with {@code --local}. */
final class NeedsCluster extends RuntimeException {
    NeedsCluster(String message) { super(message, null, false, false); }
}
