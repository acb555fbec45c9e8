package io.corral.cli;

/** How operator commands print results: aligned text columns for people, or the API's JSON for scripts. */
enum OutputFormat {
    TABLE,
    JSON
}
