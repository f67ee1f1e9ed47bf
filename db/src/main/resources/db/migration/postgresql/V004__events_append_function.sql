-- One round trip per append: mabeam_append creates or locks the stream's row, detects a replay, checks
-- the expected version, stamps each event's vector clock (the node's clock merged with the stream's last
-- clock, ticked per event) and inserts the events. The stream's last clock lives on its row.
alter table event_stream add column clock jsonb not null default '{}';

-- expected: -2 any version, -1 no stream, -3 an existing stream, 0.. that exact version
create function mabeam_append(
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
    v_count   int := cardinality(p_ids);
begin
    -- a lock, not a no-op update: an update would leave a dead row version behind on every append
    insert into event_stream (stream, version) values (p_stream, -1) on conflict (stream) do nothing;
    select s.version, s.clock into v_current, v_clock from event_stream s where s.stream = p_stream for update;

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

    select coalesce(jsonb_object_agg(k, greatest(coalesce((v_clock ->> k)::bigint, 0),
                                                 coalesce((p_node_clock ->> k)::bigint, 0))), '{}'::jsonb)
      into v_base
      from (select jsonb_object_keys(v_clock) union select jsonb_object_keys(p_node_clock)) keys (k);

    insert into event (stream, version, event_id, type, payload, metadata, vector_clock, correlation_id)
    select p_stream, v_current + t.ord, t.id, t.type, t.payload::jsonb, t.meta::jsonb,
           jsonb_set(v_base, array [p_node], to_jsonb(coalesce((v_base ->> p_node)::bigint, 0) + t.ord)),
           p_correlation
      from unnest(p_ids, p_types, p_payloads, p_metadata) with ordinality as t (id, type, payload, meta, ord);

    v_last := v_current + v_count;
    v_clock := jsonb_set(v_base, array [p_node], to_jsonb(coalesce((v_base ->> p_node)::bigint, 0) + v_count));
    update event_stream set version = v_last, clock = v_clock where stream = p_stream;
    return query select v_current + 1, v_last, false, v_clock;
end
$$;
