package dev.federator.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * In-process HTTP fake of a vendor API on 127.0.0.1. Subclasses declare their endpoints in
 * {@link #routes(Router)} through {@link #route(Router, HttpMethod, String)}, which is what puts every
 * request through the call log, the rate limit and the armed faults before the real handler runs.
 *
 * <p>{@link #start()} and {@link #close()} block, so call them from a test thread, never from a Vert.x event loop.
 *
 * @param <S> the concrete simulator, so that configuration methods chain
 */
public abstract class SimulatorServer<S extends SimulatorServer<S>> implements AutoCloseable {

    protected static final ObjectMapper JSON = new ObjectMapper();

    private static final String ROUTE_KEY = "sim.route";
    private static final String RECORDED_KEY = "sim.recorded";
    private static final long BODY_LIMIT_BYTES = 1024 * 1024;
    private static final long BLOCKING_TIMEOUT_SECONDS = 20;

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final int requestedPort;
    private final CallLog calls = new CallLog();
    private final Faults faults = new Faults();
    private volatile RateLimit rateLimit;
    private HttpServer server;
    private io.vertx.core.net.SelfSignedCertificate tls;
    private volatile int port = -1;

    /** Own Vert.x instance, random free port. */
    protected SimulatorServer() {
        this(null, 0);
    }

    /** Own Vert.x instance, given port (0 for a random free one), e.g. to come back on the same port after a restart. */
    protected SimulatorServer(int port) {
        this(null, port);
    }

    /** Shares {@code vertx} when non-null; it is then left open by {@link #close()}. */
    protected SimulatorServer(Vertx vertx, int port) {
        this.ownsVertx = vertx == null;
        this.vertx = ownsVertx ? Vertx.vertx() : vertx;
        this.requestedPort = port;
    }

    /** Registers the vendor's endpoints, each through {@link #route(Router, HttpMethod, String)}. */
    protected abstract void routes(Router router);

    @SuppressWarnings("unchecked")
    protected final S self() {
        return (S) this;
    }

    public synchronized S start() {
        if (server != null) {
            return self();
        }
        Router router = Router.router(vertx);
        router.route().handler(this::observe);
        router.route().handler(BodyHandler.create().setBodyLimit(BODY_LIMIT_BYTES));
        routes(router);
        for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
            router.errorHandler(status, ctx -> {
                if (!ctx.response().ended()) {
                    writeRouterError(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : status);
                }
            });
        }
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(requestedPort);
        if (tls != null) {
            options.setSsl(true).setKeyCertOptions(tls.keyCertOptions());
        }
        HttpServer created = vertx.createHttpServer(options).requestHandler(router);
        await(created.listen());
        server = created;
        port = created.actualPort();
        return self();
    }

    public int port() {
        if (port < 0) {
            throw new IllegalStateException("simulator not started");
        }
        return port;
    }

    /**
     * Serves https with a freshly made self-signed certificate for "localhost", as a vendor behind a private CA
     * would. Call before {@link #start()}.
     */
    public S withSelfSignedTls() {
        this.tls = io.vertx.core.net.SelfSignedCertificate.create("localhost");
        return self();
    }

    /** The PEM of the self-signed certificate, for a platform's caBundleRef. */
    public String certificatePem() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(tls.certificatePath()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return tls != null ? "https://localhost:" + port() : "http://127.0.0.1:" + port();
    }

    public CallLog calls() {
        return calls;
    }

    public Faults faults() {
        return faults;
    }

    /** Enforces {@code limit} on every routed request; null turns rate limiting off (the default). */
    public S withRateLimit(RateLimit limit) {
        this.rateLimit = limit;
        return self();
    }

    public Optional<RateLimit> rateLimit() {
        return Optional.ofNullable(rateLimit);
    }

    protected Vertx vertx() {
        return vertx;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            await(server.close());
            server = null;
        }
        if (ownsVertx) {
            await(vertx.close());
        }
    }

    /**
     * Declares an endpoint; append the real handler to the returned route. {@code path} uses Vert.x
     * {@code :param} syntax and, prefixed by the method, is the template the call log records.
     */
    protected final Route route(Router router, HttpMethod method, String path) {
        String template = method.name() + " " + path;
        return router.route(method, path).handler(ctx -> guard(ctx, template));
    }

    /**
     * Writes an injected or rate-limit answer. {@code retryAfter} is null when the vendor's rate-limit
     * headers must be left out. Override to reproduce the vendor's error envelope and headers.
     */
    protected void writeFault(RoutingContext ctx, int status, Duration retryAfter) {
        HttpServerResponse response = ctx.response().setStatusCode(status);
        if (retryAfter != null) {
            response.putHeader("Retry-After", Long.toString(retryAfterSeconds(retryAfter)));
        }
        writeJson(ctx, status, JSON.createObjectNode().put("error", reason(status)));
    }

    /** Writes the answer for a path or method no route knows, or a handler that threw. Override per vendor. */
    protected void writeRouterError(RoutingContext ctx, int status) {
        writeJson(ctx, status, JSON.createObjectNode().put("error", reason(status)));
    }

    /** Ends the response with {@code body} as JSON; a Content-Type already set is kept. */
    protected static void writeJson(RoutingContext ctx, int status, Object body) {
        String text;
        try {
            text = JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        HttpServerResponse response = ctx.response().setStatusCode(status);
        if (!response.headers().contains("Content-Type")) {
            response.putHeader("Content-Type", "application/json");
        }
        response.end(text);
    }

    protected static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** Whole seconds, rounded up so that a client honouring it never comes back too early. */
    protected static long retryAfterSeconds(Duration retryAfter) {
        long millis = Math.max(0, retryAfter.toMillis());
        return (millis + 999) / 1000;
    }

    protected static String reason(int status) {
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }

    private void observe(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> record(ctx, ctx.response().getStatusCode()));
        ctx.next();
    }

    private void guard(RoutingContext ctx, String template) {
        ctx.put(ROUTE_KEY, template);
        RateLimit limit = rateLimit;
        if (limit != null) {
            Optional<Duration> wait = limit.tryAcquire();
            if (wait.isPresent()) {
                writeFault(ctx, 429, wait.get());
                return;
            }
        }
        Faults.Fault fault = faults.take(template);
        if (fault == null) {
            ctx.next();
            return;
        }
        switch (fault.kind()) {
            case FAIL -> writeFault(ctx, fault.status(), null);
            case THROTTLE -> writeFault(ctx, 429, fault.withHeaders() ? fault.duration() : null);
            case DELAY -> vertx.setTimer(Math.max(1, fault.duration().toMillis()), t -> ctx.next());
            case RESET -> {
                record(ctx, CallLog.NO_RESPONSE);
                ctx.request().connection().close();
            }
        }
    }

    private void record(RoutingContext ctx, int status) {
        if (ctx.get(RECORDED_KEY) != null) {
            return;
        }
        ctx.put(RECORDED_KEY, Boolean.TRUE);
        String method = ctx.request().method().name();
        String template = ctx.get(ROUTE_KEY);
        calls.record(method, template != null ? template : method + " " + ctx.normalizedPath(), status);
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(BLOCKING_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("simulator start/stop failed", e);
        }
    }
}
