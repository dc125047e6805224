package dev.federator.provider.spi;

/** The vendor could not say whether a write happened (SlashID's 408): re-read before trying again. */
public class OutcomeUnknownException extends TransientVendorException {
    public OutcomeUnknownException(String message) { super(Reason.OutcomeUnknown, message); }
}
