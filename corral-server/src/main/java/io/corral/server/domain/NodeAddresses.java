package io.corral.server.domain;

/**
 * Where a node can be reached. Any field may be null. {@code url} is the node's base HTTP URL (seed
 * 001); {@code rpcAddress} and {@code httpAddress} are {@code host:port} pairs (seed 000).
 */
public record NodeAddresses(String url, String rpcAddress, String httpAddress) {
    public static final NodeAddresses NONE = new NodeAddresses(null, null, null);
}
