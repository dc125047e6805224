package dev.federator.secrets;

/** A referenced Secret, key or certificate is unusable; the reason and message go on the status as they are. */
public class SecretProblem extends RuntimeException {
    private final String reason;

    public SecretProblem(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() { return reason; }
}
