package io.corral.example.kv;

/**
 * One key's value with its version. Versions are assigned by the writer (see {@link RoutingClient}); a
 * replica keeps, per key, the value with the highest version it has seen, so applying the same entries in
 * any order, any number of times, gives the same result. Immutable.
 */
public record Entry(String key, String value, long version) {
}
