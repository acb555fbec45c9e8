package io.corral.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * A client for one Corral coordinator's native API. Immutable and thread-safe once built; every call is
 * one blocking HTTP request with the builder's bearer token and timeout. Calls either return what the
 * server answered or throw: {@link ApiException} when the server reported an error,
 * {@link CorralClientException} when no usable answer came back.
 *
 * <pre>{@code
 * CorralClient corral = CorralClient.builder().baseUrl("http://127.0.0.1:4401").token(token).build();
 * Page nodes = corral.nodes().list("default", NodeQuery.all().withStatus("active"));
 * }</pre>
 */
public final class CorralClient {
    /** Where {@code corral serve} listens by default. */
    public static final String DEFAULT_BASE_URL = "http://127.0.0.1:4401";
    /** The default per-request timeout (connect and reply). */
    public static final long DEFAULT_TIMEOUT_MS = 30_000;

    private final Transport transport;
    private final WorkspacesApi workspaces;
    private final NodesApi nodes;
    private final KeysApi keys;
    private final EventsApi events;
    private final ResourcesApi resources;
    private final ShardMapApi shardMap;
    private final ClusterApi cluster;
    private final AutoscaleApi autoscale;
    private final WebhooksApi webhooks;

    private CorralClient(Transport transport) {
        this.transport = transport;
        this.workspaces = new WorkspacesApi(transport);
        this.nodes = new NodesApi(transport);
        this.keys = new KeysApi(transport);
        this.events = new EventsApi(transport);
        this.resources = new ResourcesApi(transport);
        this.shardMap = new ShardMapApi(transport);
        this.cluster = new ClusterApi(transport);
        this.autoscale = new AutoscaleApi(transport);
        this.webhooks = new WebhooksApi(transport);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The base URL requests go to, without a trailing slash. */
    public String baseUrl() {
        return transport.baseUrl();
    }

    public WorkspacesApi workspaces() {
        return workspaces;
    }

    public NodesApi nodes() {
        return nodes;
    }

    public KeysApi keys() {
        return keys;
    }

    public EventsApi events() {
        return events;
    }

    public ResourcesApi resources() {
        return resources;
    }

    public ShardMapApi shardMap() {
        return shardMap;
    }

    public ClusterApi cluster() {
        return cluster;
    }

    public AutoscaleApi autoscale() {
        return autoscale;
    }

    public WebhooksApi webhooks() {
        return webhooks;
    }

    /** Who the token belongs to: {@code kind}, {@code id}, {@code actor}, {@code role}, {@code workspaces}. */
    public JsonNode whoami() {
        return transport.get("/api/v1/whoami").get("data");
    }

    /** Configures a {@link CorralClient}; not thread-safe, use it on one thread and discard it. */
    public static final class Builder {
        private String baseUrl = DEFAULT_BASE_URL;
        private String token;
        private long timeoutMs = DEFAULT_TIMEOUT_MS;
        private HttpClient httpClient;

        private Builder() {
        }

        /** An {@code http} or {@code https} URL with a host, e.g. {@code http://10.0.0.5:4401}; a trailing slash is dropped. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** The bearer token: an API key or a node's own token; null sends no {@code Authorization} header. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** Connect timeout and per-request reply timeout, in milliseconds (positive). */
        public Builder timeoutMs(long timeoutMs) {
            this.timeoutMs = timeoutMs;
            return this;
        }

        /** A shared JDK HTTP client to use instead of a new one; its own connect timeout then applies. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /** @throws IllegalArgumentException when the base URL or the timeout is not usable */
        public CorralClient build() {
            if (timeoutMs <= 0) {
                throw new IllegalArgumentException("timeoutMs must be positive, got " + timeoutMs);
            }
            String url = normalize(baseUrl);
            String t = token == null || token.isBlank() ? null : token.strip();
            HttpClient http = httpClient != null ? httpClient : HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofMillis(timeoutMs))
                    .build();
            return new CorralClient(new Transport(http, url, t, timeoutMs));
        }

        static String normalize(String baseUrl) {
            if (baseUrl == null || baseUrl.isBlank()) {
                throw new IllegalArgumentException("the server URL is empty");
            }
            String url = baseUrl.strip();
            while (url.endsWith("/")) {
                url = url.substring(0, url.length() - 1);
            }
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw notAServerUrl(baseUrl, e);
            }
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw notAServerUrl(baseUrl, null);
            }
            return url;
        }

        private static IllegalArgumentException notAServerUrl(String baseUrl, URISyntaxException cause) {
            return new IllegalArgumentException("'" + baseUrl.strip() + "' is not an http(s) server URL like "
                    + DEFAULT_BASE_URL, cause);
        }
    }
}
