package dev.federator.provider.spi;

/** Some vendors delete asynchronously: the operator keeps its finalizer until the connection is gone. */
public enum DeleteOutcome { DELETED, PENDING }
