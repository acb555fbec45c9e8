package io.corral.server.controller;

/** What a command may know besides the image: the time it runs at and who asked for it. */
public record CommandContext(long nowMs, String actor) {
}
