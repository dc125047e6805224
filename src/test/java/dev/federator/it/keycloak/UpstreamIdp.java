package dev.federator.it.keycloak;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the upstream OIDC provider behind a Keycloak identity provider. Keycloak never shows a stored client
 * secret, but it must send it to the upstream token endpoint: {@link #secretSentBy} drives a broker login far enough
 * for Keycloak to do so, and returns what this endpoint received. Point the identity provider's tokenUrl at
 * {@link #tokenUrl()}, with clientAuthMethod client_secret_post.
 */
public final class UpstreamIdp implements AutoCloseable {
    // RFC 7636 appendix B: account-console insists on PKCE, and any well-formed challenge will do
    private static final String PKCE_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private final HttpServer server;
    private final BlockingQueue<Map<String, String>> tokenRequests = new LinkedBlockingQueue<>();
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private UpstreamIdp(HttpServer server) {
        this.server = server;
    }

    public static UpstreamIdp start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            UpstreamIdp idp = new UpstreamIdp(server);
            server.createContext("/token", idp::token);
            server.start();
            return idp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Never fetched in a probe; Keycloak only redirects the browser there. */
    public String authorizationUrl() { return base() + "/auth"; }

    public String tokenUrl() { return base() + "/token"; }

    /**
     * The client_secret Keycloak posts to {@link #tokenUrl()} for identity provider {@code alias} of {@code realm}:
     * empty when it posts none or an empty one.
     */
    public Optional<String> secretSentBy(RealKeycloak keycloak, String realm, String alias) {
        tokenRequests.clear();
        Map<String, String> cookies = new HashMap<>();
        String realmUrl = keycloak.url() + "/realms/" + realm;
        String brokerLogin = redirect(cookies, realmUrl + "/protocol/openid-connect/auth?client_id=account-console"
                + "&redirect_uri=" + enc(realmUrl + "/account/") + "&response_type=code&scope=openid"
                + "&kc_idp_hint=" + enc(alias) + "&code_challenge=" + PKCE_CHALLENGE + "&code_challenge_method=S256");
        String toUpstream = redirect(cookies, brokerLogin);
        String state = query(URI.create(toUpstream)).get("state");
        if (state == null) {
            throw new IllegalStateException("Keycloak did not redirect to the upstream: " + toUpstream);
        }
        // The upstream's callback: Keycloak now exchanges the code at the token endpoint, whose refusal it reports
        // to the browser as an error page we do not need.
        get(cookies, realmUrl + "/broker/" + enc(alias) + "/endpoint?state=" + enc(state) + "&code=probe");
        Map<String, String> form = pollTokenRequest();
        return Optional.ofNullable(form.get("client_secret")).filter(s -> !s.isEmpty());
    }

    @Override
    public void close() { server.stop(0); }

    private Map<String, String> pollTokenRequest() {
        try {
            Map<String, String> form = tokenRequests.poll(30, TimeUnit.SECONDS);
            if (form == null) {
                throw new IllegalStateException("Keycloak never called the upstream token endpoint " + tokenUrl());
            }
            return form;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        tokenRequests.add(parseForm(body));
        byte[] answer = "{\"error\":\"invalid_grant\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(400, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private String redirect(Map<String, String> cookies, String url) {
        HttpResponse<String> r = get(cookies, url);
        return r.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException(
                "expected a redirect from " + url + ", got " + r.statusCode() + " " + r.body()));
    }

    private HttpResponse<String> get(Map<String, String> cookies, String url) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (!cookies.isEmpty()) {
            b.header("Cookie", String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        try {
            HttpResponse<String> r = browser.send(b.build(), HttpResponse.BodyHandlers.ofString());
            // By hand rather than a CookieManager: Keycloak marks its cookies Secure, which the JDK will not send over http.
            for (String header : r.headers().allValues("Set-Cookie")) {
                String pair = header.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String base() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

    private static Map<String, String> query(URI uri) { return parseForm(uri.getRawQuery()); }

    private static Map<String, String> parseForm(String form) {
        Map<String, String> values = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return values;
        }
        for (String pair : List.of(form.split("&"))) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            values.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }
}
