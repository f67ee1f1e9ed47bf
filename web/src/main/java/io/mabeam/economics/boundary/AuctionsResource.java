package io.mabeam.economics.boundary;

import io.mabeam.economics.control.EconomicsJson;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * Auctions: open one ({@code POST /auctions}), bid ({@code POST /auctions/{id}/bids}), close it early
 * ({@code POST /auctions/{id}/close}), read it and its result. Sealed bids are shown once the auction closes.
 * Placements on a node are opened through the agents' {@code PlacementsResource}.
 */
@Path("v1/auctions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class AuctionsResource {

    @EJB
    Auctions auctions;

    @GET
    public String list(@QueryParam("status") String status, @QueryParam("limit") @DefaultValue("100") int limit) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        auctions.list(status, limit).forEach(view -> array.add(json(view)));
        return Json.createObjectBuilder().add("auctions", array).build().toString();
    }

    /**
     * {@code {"kind": "vickrey", "item": "...", "seller": "tenant:acme", "reserve": 1, "units": 1,
     * "duration": "PT30S", "increment": 0.5 (english), "startPrice": 10, "decrement": 1, "tick": "PT1S" (dutch)}}.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response open(@Valid @NotNull EconomicsRequests.OpenAuction request) {
        Long reserve = EconomicsBodies.micros(request.reserve, "reserve");
        Auctions.AuctionView view = auctions.open(new Auctions.Opening(
                request.kind,
                request.item,
                request.units,
                reserve == null ? 0 : reserve,
                request.seller,
                request.durationOrDefault(),
                EconomicsBodies.micros(request.increment, "increment"),
                EconomicsBodies.micros(request.startPrice, "startPrice"),
                EconomicsBodies.micros(request.decrement, "decrement"),
                request.tick()));
        return Response.created(URI.create("v1/auctions/" + view.auction().id()))
                .entity(json(view).toString())
                .build();
    }

    @GET
    @Path("{id}")
    public String get(@PathParam("id") String id) {
        return json(auctions.get(id)).toString();
    }

    /** The clearing: awards, payments, unsold units (404 unknown, 409 while open). */
    @GET
    @Path("{id}/result")
    public String result(@PathParam("id") String id) {
        Auctions.AuctionView view = auctions.get(id);
        if (view.auction().result() == null) {
            throw DomainException.conflict(
                    "auction " + id + " is open until " + view.auction().closesAt());
        }
        return json(view).getJsonObject("result").toString();
    }

    /** {@code {"bidder": "agent:a1", "price": 3}} or {@code {"bidder": …, "unitPrices": [5, 4, 2]}}. */
    @POST
    @Path("{id}/bids")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response bid(@PathParam("id") String id, @Valid @NotNull EconomicsRequests.Bid request) {
        Auctions.AuctionView view = auctions.bid(id, request.bidder, EconomicsBodies.prices(request));
        return Response.status(201).entity(json(view).toString()).build();
    }

    @POST
    @Path("{id}/close")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String close(@PathParam("id") String id, @Valid EconomicsRequests.Close request) {
        return json(auctions.close(id, "closed-by-request")).toString();
    }

    /** An auction as the API shows it. */
    public static JsonObject json(Auctions.AuctionView view) {
        JsonObjectBuilder json = EconomicsJson.auction(view.auction()).add("bidCount", view.bidCount());
        JsonArrayBuilder bids = Json.createArrayBuilder();
        view.bids().forEach(b -> bids.add(EconomicsJson.bid(b)));
        json.add("bids", bids);
        json.add("clockPrice", view.clockPrice() == null ? JsonValue.NULL : EconomicsJson.credits(view.clockPrice()));
        json.add("minimumBid", view.minimumBid() == null ? JsonValue.NULL : EconomicsJson.credits(view.minimumBid()));
        return json.build();
    }
}
