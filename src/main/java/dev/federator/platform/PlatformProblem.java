package dev.federator.platform;

/** The connection's platform is missing, not allowed, or unusable; reason and message go on the status. */
public class PlatformProblem extends RuntimeException {
    private final String reason;

    public PlatformProblem(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() { return reason; }
}
