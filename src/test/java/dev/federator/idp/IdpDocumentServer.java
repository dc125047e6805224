package dev.federator.idp;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An IdP publishing documents over https on localhost with a certificate of its own (a private CA, as far as the
 * client knows): each path answers what the test put there, and every request is recorded.
 */
final class IdpDocumentServer implements AutoCloseable {
    record Answer(int status, String contentType, byte[] body, Map<String, String> headers, long dripMillis) {}

    private final Vertx vertx = Vertx.vertx();
    private final SelfSignedCertificate tls = SelfSignedCertificate.create("localhost");
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    IdpDocumentServer() throws Exception {
        server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(tls.keyCertOptions()))
                .requestHandler(request -> {
                    requests.add(request.method() + " " + request.path());
                    Answer answer = answers.get(request.path());
                    if (answer == null) {
                        request.response().setStatusCode(404).end();
                        return;
                    }
                    var response = request.response().setStatusCode(answer.status());
                    if (answer.contentType() != null) {
                        response.putHeader("Content-Type", answer.contentType());
                    }
                    answer.headers().forEach(response::putHeader);
                    if (answer.dripMillis() > 0) {
                        // Headers now, the body one byte at a time: a server that never finishes.
                        response.setChunked(true).write("<");
                        vertx.setPeriodic(answer.dripMillis(), id -> {
                            if (response.closed() || response.ended()) {
                                vertx.cancelTimer(id);
                            } else {
                                response.write(" ");
                            }
                        });
                        return;
                    }
                    response.end(Buffer.buffer(answer.body()));
                }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    IdpDocumentServer serve(String path, String contentType, String body) {
        return serve(path, new Answer(200, contentType, body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of(), 0));
    }

    IdpDocumentServer serve(String path, Answer answer) {
        answers.put(path, answer);
        return this;
    }

    IdpDocumentServer redirect(String path, String location) {
        return serve(path, new Answer(302, null, new byte[0], Map.of("Location", location), 0));
    }

    String url(String path) { return "https://localhost:" + server.actualPort() + path; }

    /** The PEM of the server's certificate: the CA bundle a platform would name to trust it. */
    String caBundle() throws Exception { return Files.readString(Path.of(tls.certificatePath())); }

    List<String> requests() { return requests; }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
