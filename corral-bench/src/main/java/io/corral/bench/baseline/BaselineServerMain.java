package io.corral.bench.baseline;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs the raw Vert.x heartbeat baseline: {@code BaselineServerMain <port> <instances>} deploys
 * {@code instances} {@link BaselineHeartbeatVerticle}s sharing one port and one map, on 127.0.0.1,
 * until the process is stopped.
 */
public final class BaselineServerMain {
    private BaselineServerMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        ConcurrentHashMap<String, Map<String, Object>> beats = new ConcurrentHashMap<>();
        // The same transport as the coordinator (epoll where it loads), so the comparison is of the servers.
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        vertx.deployVerticle(() -> new BaselineHeartbeatVerticle(port, beats),
                new DeploymentOptions().setInstances(instances)).await(30, TimeUnit.SECONDS);
        System.err.println("baseline heartbeat server on 127.0.0.1:" + port + " with " + instances + " instances"
                + (vertx.isNativeTransportEnabled() ? " (epoll)" : " (NIO)"));
    }
}
