package dev.federator.provider.spi;

/** The platform's credentials were refused or lack a permission (401, 403, bad client secret, missing scope). */
public class AuthenticationException extends VendorException {
    public AuthenticationException(Reason reason, String message) { super(reason, message, null); }
}
