package io.mabeam.foundation.api.boundary;

import io.mabeam.foundation.problems.DomainException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@link BoundBody} request bodies. The JAX-RS implementation's JSON-B reader refuses an empty body with a
 * bare 400 (not a problem) and any body sent without a JSON content type; this one reads an empty
 * {@link OptionalBody} as its defaults, answers an empty required body with a 400 problem, and binds anything else
 * with {@link JsonBinding}'s rules. The stream is the one {@link RequestSizeLimit} bounds.
 */
@Provider
@Consumes(MediaType.WILDCARD)
public class OptionalBodyReader implements MessageBodyReader<BoundBody> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return BoundBody.class.isAssignableFrom(type);
    }

    @Override
    public BoundBody readFrom(
            Class<BoundBody> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders,
            InputStream entityStream)
            throws IOException {
        return read(type, new String(entityStream.readAllBytes(), StandardCharsets.UTF_8));
    }

    /** The body bound to {@code type}; an empty one as {@code type}'s defaults, when it is an {@link OptionalBody}. */
    public static <T extends BoundBody> T read(Class<T> type, String body) {
        if (body.isBlank()) {
            if (!OptionalBody.class.isAssignableFrom(type)) {
                throw DomainException.invalid("the request needs a JSON object body");
            }
            return defaults(type);
        }
        T bound = JsonBinding.JSONB.fromJson(body, type);
        if (bound == null) {
            throw DomainException.invalid("the request body is a JSON object, not null");
        }
        return bound;
    }

    private static <T> T defaults(Class<T> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException
                | InstantiationException
                | IllegalAccessException
                | NoSuchMethodException e) {
            throw new IllegalStateException(type + " needs a public no-argument constructor", e);
        }
    }
}
