package io.corral.client;

/**
 * One Server-Sent Event: {@code id} is the stream's last event id when the event was dispatched (null when
 * the stream never set one), {@code type} its {@code event:} field ({@code message} when absent), and
 * {@code data} its {@code data:} lines joined with newlines.
 */
record ServerSentEvent(String id, String type, String data) {
}
