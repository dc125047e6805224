package dev.federator.provider.spi;

/** A connection with the same name already exists on the vendor (usually 409 on create). */
public class ConflictException extends VendorException {
    public ConflictException(String message) { super(Reason.AlreadyExists, message, null); }
}
