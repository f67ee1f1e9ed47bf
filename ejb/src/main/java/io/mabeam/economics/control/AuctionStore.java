package io.mabeam.economics.control;

import io.mabeam.economics.entity.Auction;
import io.mabeam.economics.entity.AuctionKind;
import io.mabeam.economics.entity.AuctionStatus;
import io.mabeam.economics.entity.BidStatus;
import io.mabeam.economics.entity.StoredBid;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Auctions and their bids in tables {@code auction} and {@code auction_bid}, in the caller's transaction. */
public final class AuctionStore {

    private static final String COLUMNS = "id, kind, item, units, reserve, increment, start_price, decrement,"
            + " tick_millis, seller, status, opened_at, closes_at, closed_at, closed_by, result_json, node, created_by";

    public void insert(Connection connection, Auction auction) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into auction (" + COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, auction.id());
            insert.setString(2, auction.kind().wireName());
            insert.setString(3, auction.item());
            insert.setInt(4, auction.units());
            insert.setLong(5, auction.reserve());
            setLong(insert, 6, auction.increment());
            setLong(insert, 7, auction.startPrice());
            setLong(insert, 8, auction.decrement());
            setLong(insert, 9, auction.tickMillis());
            insert.setString(10, auction.seller());
            insert.setString(11, auction.status().wireName());
            insert.setTimestamp(12, Timestamp.from(auction.openedAt()));
            insert.setTimestamp(13, Timestamp.from(auction.closesAt()));
            insert.setTimestamp(14, null);
            insert.setString(15, null);
            insert.setString(16, null);
            insert.setString(17, auction.node());
            insert.setString(18, auction.createdBy());
            insert.executeUpdate();
        }
    }

    /** @param lock whether to hold the auction's row (bids and the close take it) */
    public Optional<Auction> find(Connection connection, String id, boolean lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select " + COLUMNS + " from auction where id = ?" + (lock ? " for update" : ""))) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(auction(rows)) : Optional.empty();
            }
        }
    }

    /** Newest first; of one status when given. */
    public List<Auction> list(Connection connection, AuctionStatus status, int limit) throws SQLException {
        String where = status == null ? "" : " where status = ?";
        try (PreparedStatement select = connection.prepareStatement(
                "select " + COLUMNS + " from auction" + where + " order by opened_at desc, id")) {
            select.setMaxRows(limit);
            if (status != null) {
                select.setString(1, status.wireName());
            }
            return auctions(select);
        }
    }

    /** Open auctions whose deadline is before {@code before}, earliest first. */
    public List<String> overdue(Connection connection, Instant before, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select id from auction where status = 'open' and closes_at < ? order by closes_at")) {
            select.setMaxRows(limit);
            select.setTimestamp(1, Timestamp.from(before));
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    /** Open auctions this node opened, to schedule their close. */
    public List<Auction> openedBy(Connection connection, String node) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("select " + COLUMNS + " from auction where status = 'open' and node = ?")) {
            select.setString(1, node);
            return auctions(select);
        }
    }

    public long nextSequence(Connection connection, String auction) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("update auction set next_sequence = next_sequence + 1 where id = ?")) {
            update.setString(1, auction);
            update.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement("select next_sequence from auction where id = ?")) {
            select.setString(1, auction);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    public void insertBid(Connection connection, StoredBid bid) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into auction_bid (auction_id, sequence,"
                + " bidder, unit_prices, total, status, placed_at) values (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, bid.auction());
            insert.setLong(2, bid.sequence());
            insert.setString(3, bid.bidder());
            insert.setString(4, bid.unitPrices().stream().map(String::valueOf).collect(Collectors.joining(",")));
            insert.setLong(5, bid.total());
            insert.setString(6, bid.status().wireName());
            insert.setTimestamp(7, Timestamp.from(bid.placedAt()));
            insert.executeUpdate();
        }
    }

    public void setBidStatus(Connection connection, String auction, long sequence, BidStatus status)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update auction_bid set status = ? where auction_id = ? and sequence = ?")) {
            update.setString(1, status.wireName());
            update.setString(2, auction);
            update.setLong(3, sequence);
            update.executeUpdate();
        }
    }

    /** The auction's bids by sequence; only the standing ones when asked. */
    public List<StoredBid> bids(Connection connection, String auction, boolean standingOnly) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select auction_id, sequence, bidder, unit_prices,"
                + " total, status, placed_at from auction_bid where auction_id = ?"
                + (standingOnly ? " and status = 'standing'" : "") + " order by sequence")) {
            select.setString(1, auction);
            List<StoredBid> bids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    bids.add(new StoredBid(
                            rows.getString(1),
                            rows.getLong(2),
                            rows.getString(3),
                            Arrays.stream(rows.getString(4).split(","))
                                    .map(Long::valueOf)
                                    .toList(),
                            rows.getLong(5),
                            BidStatus.valueOf(rows.getString(6).toUpperCase(Locale.ROOT)),
                            rows.getTimestamp(7).toInstant()));
                }
            }
            return bids;
        }
    }

    public void close(Connection connection, String auction, Instant at, String node, String result)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update auction set status = 'closed',"
                + " closed_at = ?, closed_by = ?, result_json = ? where id = ? and status = 'open'")) {
            update.setTimestamp(1, Timestamp.from(at));
            update.setString(2, node);
            update.setString(3, result);
            update.setString(4, auction);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("auction " + auction + " was closed already");
            }
        }
    }

    private static List<Auction> auctions(PreparedStatement select) throws SQLException {
        List<Auction> auctions = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                auctions.add(auction(rows));
            }
        }
        return auctions;
    }

    private static Auction auction(ResultSet rows) throws SQLException {
        Timestamp closedAt = rows.getTimestamp(14);
        return new Auction(
                rows.getString(1),
                AuctionKind.fromWire(rows.getString(2)).orElseThrow(),
                rows.getString(3),
                rows.getInt(4),
                rows.getLong(5),
                getLong(rows, 6),
                getLong(rows, 7),
                getLong(rows, 8),
                getLong(rows, 9),
                rows.getString(10),
                AuctionStatus.valueOf(rows.getString(11).toUpperCase(Locale.ROOT)),
                rows.getTimestamp(12).toInstant(),
                rows.getTimestamp(13).toInstant(),
                closedAt == null ? null : closedAt.toInstant(),
                rows.getString(15),
                rows.getString(16),
                rows.getString(17),
                rows.getString(18));
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static Long getLong(ResultSet rows, int index) throws SQLException {
        long value = rows.getLong(index);
        return rows.wasNull() ? null : value;
    }
}
