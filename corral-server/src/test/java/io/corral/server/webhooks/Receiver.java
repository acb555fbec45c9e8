package io.corral.server.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A local webhook receiver: records every request and fails the first {@code failures} of them with 500. */
public final class Receiver implements AutoCloseable {
    /** One request as received. */
    public record Request(Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final AtomicInteger failuresLeft;
    public final List<Request> requests = new CopyOnWriteArrayList<>();

    private Receiver(HttpServer server, int failures) {
        this.server = server;
        this.failuresLeft = new AtomicInteger(failures);
        server.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            requests.add(new Request(Map.copyOf(ex.getRequestHeaders()), body));
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 204;
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
    }

    public static Receiver start(int port, int failures) throws IOException {
        return new Receiver(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0), failures);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
