package dev.federator.provider.spi;

/** The vendor rejected what the spec asks for: retrying the same spec cannot help, so wait for a change. */
public class InvalidRequestException extends VendorException {
    public InvalidRequestException(Reason reason, String message) { super(reason, message, null); }
}
