package io.corral.cli.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The options every telemetry command shares (coordinator URL, key, workspace, output format) and the
 * HTTP calls they make. A reply other than 2xx becomes a {@link CliFailure} carrying the coordinator's
 * error code and message. The key comes from {@code --token}, {@code CORRAL_TOKEN}, or
 * {@code ./corral-data/admin.token} (what a local {@code corral serve} writes).
 */
public final class ApiConnection {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Option(names = "--coordinator", defaultValue = "http://127.0.0.1:4401",
            description = "Coordinator URL (or CORRAL_COORDINATOR; default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--token", description = "API key (or CORRAL_TOKEN; else ./corral-data/admin.token).")
    String token;

    @Option(names = {"-w", "--workspace"}, defaultValue = "default", description = "Workspace (default ${DEFAULT-VALUE}).")
    String workspace;

    @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json (default ${DEFAULT-VALUE}).")
    String output;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    boolean json() {
        return "json".equalsIgnoreCase(output);
    }

    String workspacePath() {
        return "/api/v1/workspaces/" + enc(workspace);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String key() {
        if (token != null && !token.isBlank()) {
            return token.trim();
        }
        Path local = Path.of("corral-data", "admin.token");
        try {
            return Files.exists(local) ? Files.readString(local).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private HttpRequest.Builder request(String path) {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        String k = key();
        if (k != null) {
            b.header("Authorization", "Bearer " + k);
        }
        return b;
    }

    JsonNode get(String path) {
        return send(request(path).timeout(Duration.ofSeconds(30)).GET());
    }

    JsonNode post(String path, Object body) {
        try {
            return send(request(path).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body))));
        } catch (IOException e) {
            throw new CliFailure("cannot encode the request: " + e.getMessage());
        }
    }

    JsonNode delete(String path) {
        return send(request(path).timeout(Duration.ofSeconds(30)).DELETE());
    }

    private JsonNode send(HttpRequest.Builder b) {
        HttpResponse<byte[]> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CliFailure("cannot reach the coordinator at " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
        return check(r.statusCode(), r.body());
    }

    private static JsonNode check(int status, byte[] body) {
        JsonNode json;
        try {
            json = body.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(body);
        } catch (IOException e) {
            json = MAPPER.createObjectNode();
        }
        if (status / 100 != 2) {
            JsonNode err = json.path("error");
            throw new CliFailure(err.path("code").asText("HTTP_" + status) + ": " + err.path("message").asText(""));
        }
        return json;
    }

    /** Reads a Server-Sent Events stream, handing each {@code data:} payload to {@code onData}, until it ends. */
    void stream(String path, Consumer<JsonNode> onData) {
        HttpResponse<InputStream> r;
        try {
            r = http.send(request(path).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new CliFailure("cannot reach the coordinator at " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            if (r.statusCode() != 200) {
                check(r.statusCode(), in.lines().reduce("", String::concat).getBytes(StandardCharsets.UTF_8));
            }
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    onData.accept(MAPPER.readTree(line.substring(6)));
                }
            }
        } catch (IOException e) {
            throw new CliFailure("the event stream broke: " + e.getMessage());
        }
    }

    static String pretty(JsonNode json) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (IOException e) {
            return json.toString();
        }
    }
}
