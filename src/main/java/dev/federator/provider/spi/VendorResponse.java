package dev.federator.provider.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.util.Optional;

/** A vendor's answer. The body is parsed on demand; an unparsable body reads as a missing node. */
public record VendorResponse(int status, HttpHeaders headers, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean isSuccess() { return status >= 200 && status < 300; }

    public JsonNode json() {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    public Optional<String> header(String name) { return headers.firstValue(name); }
}
