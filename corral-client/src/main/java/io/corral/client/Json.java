package io.corral.client;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson mapper of this library; configured once here and never changed afterwards. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
