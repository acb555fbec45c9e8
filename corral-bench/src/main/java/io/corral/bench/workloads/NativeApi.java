package io.corral.bench.workloads;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/** Builds requests to the coordinator's native API in the {@code default} workspace. */
public final class NativeApi {
    public static final String NODES = "/api/v1/workspaces/default/nodes";

    private NativeApi() {
    }

    static RequestOptions post(String uri, String bearerToken) {
        return request(HttpMethod.POST, uri, bearerToken);
    }

    static RequestOptions put(String uri, String bearerToken) {
        return request(HttpMethod.PUT, uri, bearerToken);
    }

    private static RequestOptions request(HttpMethod method, String uri, String bearerToken) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Content-Type", "application/json")
                .add("Authorization", "Bearer " + bearerToken);
        return new RequestOptions().setMethod(method).setURI(uri).setHeaders(headers);
    }

    /** A registration body: id, url and two labels, about 110 bytes. */
    public static String registration(String nodeId) {
        return "{\"id\":\"" + nodeId + "\",\"url\":\"http://127.0.0.1:9/" + nodeId
                + "\",\"labels\":{\"bench\":\"true\",\"zone\":\"z" + (Math.abs(nodeId.hashCode()) % 3) + "\"}}";
    }
}
