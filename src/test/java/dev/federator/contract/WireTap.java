package dev.federator.contract;

import dev.federator.sim.CallLog;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The HTTP client under an adapter's VendorHttp, keeping every answer body the vendor sent (and a call log for a real
 * vendor, which has none to read): the simulators' call logs deliberately keep no bodies, and "a write-only secret is never read back" is a statement about those bodies. Test
 * only; the bodies stay in memory and are never printed.
 */
final class WireTap extends HttpClient {
    private final HttpClient delegate = HttpClient.newBuilder().version(Version.HTTP_1_1).build();
    private final List<String> answers = new CopyOnWriteArrayList<>();
    private final List<CallLog.Call> calls = new CopyOnWriteArrayList<>();

    /** Whether any answer so far contained {@code value}. */
    boolean answered(String value) { return answers.stream().anyMatch(body -> body.contains(value)); }

    int answerCount() { return answers.size(); }

    /** Every request as the adapter sent it (route = method and path), for a vendor that keeps no log of its own. */
    List<CallLog.Call> calls() { return List.copyOf(calls); }

    void resetCalls() { calls.clear(); }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpResponse<T> response = delegate.send(request, handler);
        calls.add(new CallLog.Call(request.method(), request.method() + " " + request.uri().getPath(),
                response.statusCode()));
        if (response.body() instanceof String body) {
            answers.add(body);
        }
        return response;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        throw new UnsupportedOperationException("adapters call vendors synchronously");
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        throw new UnsupportedOperationException("adapters call vendors synchronously");
    }

    @Override public Optional<CookieHandler> cookieHandler() { return delegate.cookieHandler(); }
    @Override public Optional<Duration> connectTimeout() { return delegate.connectTimeout(); }
    @Override public Redirect followRedirects() { return delegate.followRedirects(); }
    @Override public Optional<ProxySelector> proxy() { return delegate.proxy(); }
    @Override public SSLContext sslContext() { return delegate.sslContext(); }
    @Override public SSLParameters sslParameters() { return delegate.sslParameters(); }
    @Override public Optional<Authenticator> authenticator() { return delegate.authenticator(); }
    @Override public Version version() { return delegate.version(); }
    @Override public Optional<Executor> executor() { return delegate.executor(); }
}
