package dev.federator.provider.spi;

import java.util.Objects;

/**
 * A value read from a Kubernetes Secret. It prints as a mask, so a log line, exception or status built carelessly
 * from it cannot leak it; only {@link #reveal()} gives the value, at the point it is sent to the vendor.
 */
public final class SecretValue {
    private final String value;

    private SecretValue(String value) { this.value = Objects.requireNonNull(value); }

    public static SecretValue of(String value) { return value == null ? null : new SecretValue(value); }

    public String reveal() { return value; }

    @Override
    public boolean equals(Object o) { return o instanceof SecretValue other && other.value.equals(value); }

    @Override
    public int hashCode() { return value.hashCode(); }

    @Override
    public String toString() { return "******"; }
}
