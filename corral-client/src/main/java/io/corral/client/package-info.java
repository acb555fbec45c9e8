/**
 * A small Java client for Corral's native REST API ({@code /api/v1}).
 *
 * <p>Start with {@link io.corral.client.CorralClient#builder()}. Entities come back as Jackson
 * {@link com.fasterxml.jackson.databind.JsonNode}s exactly as the server sent them (snake_case fields, RFC 3339
 * times), so fields the server adds later are never lost; lists come back as a {@link io.corral.client.Page}.
 * A server-reported error is an {@link io.corral.client.ApiException}; failing to get an answer at all is a
 * {@link io.corral.client.CorralClientException}.
 */
package io.corral.client;
