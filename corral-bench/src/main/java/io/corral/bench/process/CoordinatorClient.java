package io.corral.bench.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A few blocking admin reads against a coordinator: the node count and values from {@code /metrics}. */
public final class CoordinatorClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String url;
    private final String adminToken;

    public CoordinatorClient(String url, String adminToken) {
        this.url = url;
        this.adminToken = adminToken;
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + adminToken).build();
        HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** Nodes in the {@code default} workspace, the coordinator itself included. */
    public long nodeCount() throws IOException, InterruptedException {
        JsonNode body = MAPPER.readTree(get("/api/v1/workspaces/default/nodes?per_page=1"));
        return body.path("pagination").path("total").asLong(-1);
    }

    /**
     * The value of the first Prometheus sample whose name and labels start with {@code series}, e.g.
     * {@code corral_log_applied_index} or {@code corral_log_commit_latency_seconds{quantile="0.99"}};
     * NaN when absent.
     */
    public double metric(String series) throws IOException, InterruptedException {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + "\\S*\\s+(\\S+)$", Pattern.MULTILINE)
                .matcher(get("/metrics"));
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
