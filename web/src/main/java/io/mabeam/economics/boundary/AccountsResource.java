package io.mabeam.economics.boundary;

import io.mabeam.economics.control.EconomicsJson;
import io.mabeam.economics.entity.LedgerEntry;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * Accounts of credits and their ledger: open an account, fund it from the treasury, move credits, cap a tenant's
 * spending, read balances and postings. Amounts are credits with up to six decimals.
 */
@Path("v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class AccountsResource {

    @EJB
    Accounts accounts;

    @GET
    public String list(@QueryParam("kind") String kind, @QueryParam("tenant") String tenant) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        accounts.list(kind, tenant).forEach(view -> array.add(EconomicsJson.account(view.account(), view.held())));
        return Json.createObjectBuilder()
                .add("accounts", array)
                .add("books", EconomicsJson.credits(accounts.total()))
                .build()
                .toString();
    }

    /** {@code {"kind": "tenant"|"study"|"agent", "owner": "...", "tenant": "tenant:acme", "spendCap": 100}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response open(@Valid @NotNull EconomicsRequests.OpenAccount request) {
        Accounts.AccountView view = accounts.open(
                request.kind, request.owner, request.tenant, EconomicsBodies.micros(request.spendCap, "spendCap"));
        return Response.created(URI.create("v1/accounts/" + view.account().id()))
                .entity(EconomicsJson.account(view.account(), view.held()).toString())
                .build();
    }

    @GET
    @Path("{id}")
    public String get(@PathParam("id") String id) {
        Accounts.AccountView view = accounts.get(id);
        return EconomicsJson.account(view.account(), view.held()).toString();
    }

    /** {@code {"amount": 10, "reason": "budget", "id": "optional idempotency key"}}: credits from the treasury. */
    @POST
    @Path("{id}/deposits")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response deposit(@PathParam("id") String id, @Valid @NotNull EconomicsRequests.Deposit request) {
        Accounts.Transfer transfer =
                accounts.deposit(id, EconomicsBodies.micros(request.amount, "amount"), request.reason, request.id);
        return transferResponse(transfer);
    }

    /** {@code {"spendCap": 100}} or {@code {"spendCap": null}} to remove it. */
    @PUT
    @Path("{id}/cap")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String cap(@PathParam("id") String id, @Valid @NotNull EconomicsRequests.Cap request) {
        if (!request.given()) {
            throw DomainException.invalid("the body is {\"spendCap\": amount or null}");
        }
        Accounts.AccountView view = accounts.setCap(id, EconomicsBodies.micros(request.getSpendCap(), "spendCap"));
        return EconomicsJson.account(view.account(), view.held()).toString();
    }

    @GET
    @Path("{id}/ledger")
    public String ledger(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("100") int limit) {
        return entries(accounts.ledger(id, limit)).toString();
    }

    static JsonObject entries(List<LedgerEntry> entries) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        entries.forEach(e -> array.add(EconomicsJson.entry(e)));
        return Json.createObjectBuilder().add("entries", array).build();
    }

    static Response transferResponse(Accounts.Transfer transfer) {
        JsonObject json = Json.createObjectBuilder()
                .add("transaction", transfer.id())
                .add("reason", transfer.reason())
                .add(
                        "reference",
                        transfer.reference() == null ? JsonValue.NULL : Json.createValue(transfer.reference()))
                .add("replayed", transfer.replayed())
                .add("postings", entries(transfer.entries()).getJsonArray("entries"))
                .build();
        return Response.status(transfer.replayed() ? 200 : 201)
                .entity(json.toString())
                .build();
    }
}
