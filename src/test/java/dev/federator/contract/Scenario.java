package dev.federator.contract;

/**
 * The scenarios every vendor adapter runs against its simulator. A vendor that cannot do one declares it in its
 * {@link VendorFixture#unsupported()} with the reason; every other vendor runs it. Each one ends with a pass over an
 * unchanged spec that must write nothing.
 */
public enum Scenario {
    CREATE("create: one create, the connection is stored on the vendor, enabled and with its secret"),
    READ_BACK("read back: what the vendor returns equals the desired state, also to a client that never wrote it"),
    UPDATE_ONE_FIELD("update one field: only that field is reported changed and the rest is kept on the vendor"),
    ROTATE_SECRET("rotate a secret: the new value reaches the vendor once and a write-only one is never read back"),
    DISABLE("disable: the vendor holds the connection disabled, and enabling it again works"),
    DELETE("delete: the connection is gone from the vendor"),
    DELETE_AFTER_CRASH("delete after a crash mid-create: the connection whose create never reached the status "
            + "(pendingCreate only) is found and deleted, not left behind"),
    DELETE_AFTER_CRASH_AND_RESTART("delete after a crash mid-create and a restart: a client that never rendered the "
            + "connection finds it from the resource alone and deletes it"),
    ADOPT("adopt: a connection someone else created is refused by default and taken over with adoption IfExists");

    private final String description;

    Scenario(String description) { this.description = description; }

    public String description() { return description; }
}
