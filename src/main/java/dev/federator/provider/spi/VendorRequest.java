package dev.federator.provider.spi;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP call to a vendor. {@code operation} names it for metrics (list, get, create, update, delete, token...).
 * {@code idempotent} says whether repeating it after a lost answer is harmless; a create is not, so it is never
 * retried blindly: the operator re-reads first.
 */
public final class VendorRequest {
    private final String method;
    private final URI uri;
    private final String operation;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;
    private boolean idempotent;

    private VendorRequest(String method, URI uri, String operation, boolean idempotent) {
        this.method = method;
        this.uri = uri;
        this.operation = operation;
        this.idempotent = idempotent;
    }

    public static VendorRequest get(URI uri, String operation) { return new VendorRequest("GET", uri, operation, true); }
    public static VendorRequest post(URI uri, String operation) { return new VendorRequest("POST", uri, operation, false); }
    public static VendorRequest put(URI uri, String operation) { return new VendorRequest("PUT", uri, operation, true); }
    public static VendorRequest patch(URI uri, String operation) { return new VendorRequest("PATCH", uri, operation, true); }
    public static VendorRequest delete(URI uri, String operation) { return new VendorRequest("DELETE", uri, operation, true); }

    public VendorRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public VendorRequest json(String json) {
        this.body = json;
        return header("Content-Type", "application/json");
    }

    public VendorRequest form(String urlEncoded) {
        this.body = urlEncoded;
        return header("Content-Type", "application/x-www-form-urlencoded");
    }

    /** Marks a POST that is safe to repeat (a vendor that updates through POST). */
    public VendorRequest idempotent() {
        this.idempotent = true;
        return this;
    }

    public String method() { return method; }
    public String operation() { return operation; }
    public URI uri() { return uri; }
    public Map<String, String> headers() { return Map.copyOf(headers); }
    public String body() { return body; }
    public boolean isIdempotent() { return idempotent; }

    /** The URI without its query, which may carry credentials (LoginRadius): the only form fit for messages. */
    public String safeTarget() { return method + " " + uri.getScheme() + "://" + uri.getAuthority() + uri.getPath(); }
}
