package io.mabeam.bench;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;

/** The bare JAX-RS JSON endpoint that MABEAM's trivial authenticated endpoint is compared with. */
@ApplicationPath("api")
public class Baseline extends Application {

    public record Hello(String name) {}

    @Path("hello")
    public static class HelloResource {
        @GET
        @Produces(MediaType.APPLICATION_JSON)
        public Hello hello() {
            return new Hello("baseline");
        }
    }
}
