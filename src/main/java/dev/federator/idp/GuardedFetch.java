package dev.federator.idp;

import dev.federator.idp.IdpDocumentProblems.IdpDocumentKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * One GET of a document an IdP publishes, with everything a hostile or broken server could abuse bounded: the URL
 * (https, or http only to loopback and in-cluster hosts, as the CRD's URL rule), the redirects (followed by hand, at
 * most three, each checked by the same rule, so https never falls back to http), the time for the whole exchange,
 * the size of the body, and its content type.
 */
final class GuardedFetch {
    static final int MAX_BYTES = 1 << 20;
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_REDIRECTS = 3;
    private static final Pattern PLAIN_HTTP_ALLOWED = Pattern.compile(
            "^http://(localhost|127\\.0\\.0\\.1|\\[::1]|[a-z0-9.-]+\\.svc|[a-z0-9.-]+\\.svc\\.cluster\\.local)(:[0-9]+)?(/.*)?$");

    private final Duration timeout;
    private final int maxBytes;

    GuardedFetch() { this(TIMEOUT, MAX_BYTES); }

    GuardedFetch(Duration timeout, int maxBytes) {
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /** The URL rule of the CRD (Cel.SECURE_URL), applied again to every URL a document or a redirect leads to. */
    static boolean allowed(String url) {
        return url != null && (url.startsWith("https://") || PLAIN_HTTP_ALLOWED.matcher(url).matches());
    }

    /**
     * @param acceptedTypes media types (without parameters) the body may have
     */
    byte[] get(String url, SSLContext tls, IdpDocumentKind kind, List<String> acceptedTypes) {
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            if (!allowed(current)) {
                throw IdpDocumentProblems.invalid(kind, url, hop == 0 ? "only https:// URLs are fetched"
                        : "it redirects to " + current + ", which is not https://");
            }
            HttpResponse<byte[]> response = exchange(client, current, deadline, kind, url);
            int code = response.statusCode();
            if (code >= 300 && code < 400 && response.headers().firstValue("Location").isPresent()) {
                current = URI.create(current).resolve(response.headers().firstValue("Location").get()).toString();
                continue;
            }
            if (code >= 500 || code == 429 || code == 408) {
                throw IdpDocumentProblems.unavailable(kind, url, "HTTP " + code);
            }
            if (code != 200) {
                throw IdpDocumentProblems.invalid(kind, url, "the server answered HTTP " + code);
            }
            String type = response.headers().firstValue("Content-Type").orElse("")
                    .split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (!acceptedTypes.contains(type)) {
                throw IdpDocumentProblems.invalid(kind, url, "its content type is '" + type + "', expected one of "
                        + acceptedTypes);
            }
            return response.body();
        }
        throw IdpDocumentProblems.invalid(kind, url, "more than " + MAX_REDIRECTS + " redirects");
    }

    private HttpResponse<byte[]> exchange(HttpClient client, String target, long deadline, IdpDocumentKind kind,
                                          String url) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw IdpDocumentProblems.unavailable(kind, url, "no answer within " + timeout.toSeconds() + " s");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofNanos(left))
                .header("Accept", "application/samlmetadata+xml, application/xml, application/json;q=0.9")
                .GET().build();
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request,
                info -> new CappedBody(maxBytes, info.headers().firstValueAsLong("Content-Length").orElse(-1)));
        try {
            return pending.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw IdpDocumentProblems.unavailable(kind, url, "no complete answer within " + timeout.toSeconds()
                    + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IdpDocumentProblems.unavailable(kind, url, "interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof IOException io && io.getCause() instanceof TooLarge t ? t
                    : e.getCause();
            if (cause instanceof TooLarge) {
                throw IdpDocumentProblems.invalid(kind, url, "it is larger than " + maxBytes + " bytes");
            }
            throw IdpDocumentProblems.unavailable(kind, url, cause == null ? "failed"
                    : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
    }

    private static final class TooLarge extends IOException {
        TooLarge() { super("body too large"); }
    }

    /** Collects the body and gives up (closing the connection) as soon as it passes the limit. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int limit;
        private final long declared;
        private Flow.Subscription subscription;

        CappedBody(int limit, long declared) {
            this.limit = limit;
            this.declared = declared;
        }

        @Override
        public CompletableFuture<byte[]> getBody() { return result; }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (declared > limit) {
                s.cancel();
                result.completeExceptionally(new TooLarge());
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable error) { result.completeExceptionally(error); }

        @Override
        public void onComplete() { result.complete(bytes.toByteArray()); }
    }
}
