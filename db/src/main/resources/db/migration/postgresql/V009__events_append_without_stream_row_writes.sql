-- Appends no longer write the stream's row: a stream's version and last clock are those of its last
-- event (one probe of the (stream, version) index), appends to one stream are serialised by a
-- transaction-scoped advisory lock on the stream's hash instead of a row lock, and the unique
-- (stream, version) index stays the final judge. event_stream keeps the catalogue of streams (for
-- snapshots) and, once retention has removed a stream's events, the version they had reached.
alter table event drop constraint if exists event_stream_fkey;
comment on column event_stream.version is
    'PostgreSQL: the highest version retention removed from the log (-1: none); the current version is the last event''s';

create or replace function mabeam_append(
    p_stream varchar, p_expected bigint, p_node varchar, p_node_clock jsonb, p_correlation varchar,
    p_ids uuid[], p_types varchar[], p_payloads text[], p_metadata text[])
    returns table (first_version bigint, last_version bigint, replayed boolean, last_clock jsonb)
    language plpgsql as
$$
declare
    v_current bigint;
    v_clock   jsonb;
    v_found   bigint;
    v_other   bigint;
    v_first   bigint;
    v_last    bigint;
    v_base    jsonb;
    v_key     text;
    v_value   text;
    v_count   int := cardinality(p_ids);
begin
    perform pg_advisory_xact_lock(hashtextextended(p_stream, 0));
    select e.version, e.vector_clock into v_current, v_clock
      from event e where e.stream = p_stream order by e.version desc limit 1;
    if not found then
        select s.version into v_current from event_stream s where s.stream = p_stream;
        if not found then
            insert into event_stream (stream, version) values (p_stream, -1) on conflict (stream) do nothing;
        end if;
        v_current := coalesce(v_current, -1);
        v_clock := '{}'::jsonb;
    end if;

    select count(*), count(*) filter (where e.stream <> p_stream), min(e.version), max(e.version)
      into v_found, v_other, v_first, v_last
      from event e where e.event_id = any (p_ids);
    if v_found > 0 then
        if v_found <> v_count or v_other > 0 then
            raise exception using errcode = 'MB002',
                message = 'some of these event ids were appended before, not all of them to ''' || p_stream
                    || ''' in one append: nothing was written';
        end if;
        return query select v_first, v_last, true, '{}'::jsonb;
        return;
    end if;

    if not (p_expected = -2
            or (p_expected = -1 and v_current < 0)
            or (p_expected = -3 and v_current >= 0)
            or (p_expected >= 0 and v_current = p_expected)) then
        raise exception using errcode = 'MB001', message = v_current::text;
    end if;

    -- the node's clock merged with the stream's last clock: the larger count per node
    v_base := v_clock || p_node_clock;
    for v_key, v_value in select key, value from jsonb_each_text(v_clock) loop
        if v_value::bigint > coalesce((p_node_clock ->> v_key)::bigint, 0) then
            v_base := jsonb_set(v_base, array [v_key], to_jsonb(v_value::bigint));
        end if;
    end loop;

    insert into event (stream, version, event_id, type, payload, metadata, vector_clock, correlation_id)
    select p_stream, v_current + t.ord, t.id, t.type, t.payload::jsonb, t.meta::jsonb,
           jsonb_set(v_base, array [p_node], to_jsonb(coalesce((v_base ->> p_node)::bigint, 0) + t.ord)),
           p_correlation
      from unnest(p_ids, p_types, p_payloads, p_metadata) with ordinality as t (id, type, payload, meta, ord);

    v_last := v_current + v_count;
    v_clock := jsonb_set(v_base, array [p_node], to_jsonb(coalesce((v_base ->> p_node)::bigint, 0) + v_count));
    return query select v_current + 1, v_last, false, v_clock;
end
$$;

-- Payloads are JSON objects; the database checks it, so appenders need not parse them again
-- ("not valid": rows already in the log were checked when they were appended).
alter table event add constraint event_payload_object check (jsonb_typeof(payload) = 'object') not valid;
