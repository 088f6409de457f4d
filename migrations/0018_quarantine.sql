-- Quarantine: dated rule periods (as data, with their legal source), facilities with rooms,
-- placements of people (at a facility, at home or at an accommodation), daily checks during
-- quarantine and the medical monitoring after it.
--
-- Jurisdiction: a placement carries the path of where it takes place (the facility's unit, or the
-- unit of the home or accommodation: unit_path) and of its person's residence (person_path, kept
-- when the person moves); a caller sees it when either lies inside their jurisdiction. Facilities
-- carry their unit's path.

CREATE TABLE quarantine_rules (
  id                serial PRIMARY KEY,
  -- NULL: national. A province's own variant names its unit and wins inside it.
  unit_id           text REFERENCES units(id),
  kind              text NOT NULL CHECK (kind IN ('f1','f1-vaccinated','entry','illegal-entry')),
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  valid_from        date NOT NULL,
  valid_to          date CHECK (valid_to IS NULL OR valid_to >= valid_from),   -- last day in force
  days              integer NOT NULL CHECK (days BETWEEN 0 AND 60),            -- 0: not quarantined
  monitoring_days   integer NOT NULL CHECK (monitoring_days BETWEEN 0 AND 60),
  required_tests    integer[] NOT NULL DEFAULT '{}',                            -- days of quarantine, day 1 = first day
  source            text NOT NULL CHECK (length(source) BETWEEN 1 AND 500),
  confidence        text NOT NULL CHECK (confidence IN ('verified','secondary','unverified')),
  note              text,
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX quarantine_rules_national ON quarantine_rules(kind, valid_from) WHERE unit_id IS NULL;
CREATE UNIQUE INDEX quarantine_rules_own ON quarantine_rules(unit_id, kind, valid_from) WHERE unit_id IS NOT NULL;

CREATE TABLE quarantine_facilities (
  id            bigserial PRIMARY KEY,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind          text NOT NULL CHECK (kind IN ('military_camp','dormitory','hotel','other')),
  unit_id       text NOT NULL REFERENCES units(id),
  unit_path     text COLLATE "C" NOT NULL,
  address       text,
  lon           double precision CHECK (lon BETWEEN -180 AND 180),
  lat           double precision CHECK (lat BETWEEN -90 AND 90),
  capacity      integer NOT NULL CHECK (capacity BETWEEN 0 AND 100000),
  managing_unit text,                      -- the body running it (a military school, a hotel's owner…)
  manager_name  text,
  manager_phone text,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open','full','closed','disinfecting')),
  note          text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (unit_id, name)
);
CREATE INDEX quarantine_facilities_path ON quarantine_facilities(unit_path);

-- A room or an area of a facility (a dormitory block, a tent row, a hotel floor).
CREATE TABLE quarantine_rooms (
  id            bigserial PRIMARY KEY,
  facility_id   bigint NOT NULL REFERENCES quarantine_facilities(id) ON DELETE CASCADE,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  capacity      integer NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
  unit_path     text COLLATE "C" NOT NULL,  -- the facility's
  UNIQUE (facility_id, name)
);

CREATE TABLE quarantine_placements (
  id               bigserial PRIMARY KEY,
  person_id        bigint NOT NULL REFERENCES people(id),
  person_path      text COLLATE "C" NOT NULL,
  unit_id          text NOT NULL REFERENCES units(id),
  unit_path        text COLLATE "C" NOT NULL,
  setting          text NOT NULL CHECK (setting IN ('facility','home','accommodation')),
  facility_id      bigint REFERENCES quarantine_facilities(id),
  room_id          bigint REFERENCES quarantine_rooms(id),
  address          text,
  reason           text NOT NULL CHECK (reason IN ('contact','traveller','returnee','illegal_entrant')),
  rule_kind        text NOT NULL CHECK (rule_kind IN ('f1','entry','illegal-entry')),
  vaccinated       boolean NOT NULL DEFAULT false,
  rule_id          integer NOT NULL REFERENCES quarantine_rules(id),
  rule_why         text NOT NULL,
  start_on         date NOT NULL,      -- at this place (a transfer starts a new row)
  first_start_on   date NOT NULL,      -- the quarantine's first day: its rule, test days and length count from it
  planned_end      date NOT NULL CHECK (planned_end >= start_on),
  monitoring_days  integer NOT NULL CHECK (monitoring_days BETWEEN 0 AND 60),
  batch            text,                   -- arrival batch (a flight, a boat, a day's interceptions)
  risk_group       text,
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active','released','transferred','became_case','cancelled')),
  released_on      date,
  release_kind     text CHECK (release_kind IN ('completed','early')),
  release_note     text,
  monitoring_until date,
  -- A positive test in the facility: who flagged this stay, when, and the end it had before.
  flagged_on       date,
  flag_note        text,
  original_end     date,
  transferred_from bigint REFERENCES quarantine_placements(id),
  decision_no      text,
  decision_on      date,
  note             text,
  created_by       bigint REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((setting = 'facility') = (facility_id IS NOT NULL)),
  CHECK (room_id IS NULL OR facility_id IS NOT NULL),
  CHECK (status = 'active' OR released_on IS NOT NULL),
  CHECK (released_on IS NULL OR released_on >= start_on),
  CHECK (first_start_on <= start_on)
);
-- One quarantine at a time per person.
CREATE UNIQUE INDEX quarantine_placements_open ON quarantine_placements(person_id) WHERE status = 'active';
-- Occupancy and forecasts read the active stays of a facility from the index alone.
CREATE INDEX quarantine_placements_facility ON quarantine_placements(facility_id) INCLUDE (start_on, planned_end, room_id) WHERE status = 'active';
CREATE INDEX quarantine_placements_released ON quarantine_placements(facility_id, released_on) INCLUDE (start_on) WHERE released_on IS NOT NULL AND facility_id IS NOT NULL;
CREATE INDEX quarantine_placements_path ON quarantine_placements(unit_path, planned_end) INCLUDE (unit_id, setting, start_on) WHERE status = 'active';
CREATE INDEX quarantine_placements_person_path ON quarantine_placements(person_path, planned_end) WHERE status = 'active';
CREATE INDEX quarantine_placements_room ON quarantine_placements(room_id) INCLUDE (batch, risk_group) WHERE status = 'active' AND room_id IS NOT NULL;
CREATE INDEX quarantine_placements_batch ON quarantine_placements(facility_id, batch) WHERE status = 'active' AND batch IS NOT NULL;
CREATE INDEX quarantine_placements_monitoring ON quarantine_placements(unit_path, monitoring_until) WHERE status = 'released' AND monitoring_until IS NOT NULL;

-- Daily checks: during quarantine and during the monitoring after it.
CREATE TABLE quarantine_checks (
  id            bigserial PRIMARY KEY,
  placement_id  bigint NOT NULL REFERENCES quarantine_placements(id) ON DELETE CASCADE,
  unit_path     text COLLATE "C" NOT NULL,
  checked_on    date NOT NULL,
  phase         text NOT NULL CHECK (phase IN ('quarantine','monitoring')),
  temperature   numeric(3,1) CHECK (temperature BETWEEN 30 AND 45),
  symptoms      text[] NOT NULL DEFAULT '{}',
  note          text,
  checked_by    bigint REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (placement_id, checked_on)
);

-- The person's path copied on insert and carried when they move (or a merge moves the row).
CREATE FUNCTION quarantine_person_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT p.unit_path INTO NEW.person_path FROM people p WHERE p.id = NEW.person_id;
  RETURN NEW;
END $$;
CREATE TRIGGER quarantine_placements_person_path BEFORE INSERT OR UPDATE OF person_id ON quarantine_placements
  FOR EACH ROW EXECUTE FUNCTION quarantine_person_path();
CREATE FUNCTION people_path_quarantine() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE quarantine_placements SET person_path = NEW.unit_path WHERE person_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER people_path_quarantine AFTER UPDATE OF unit_path ON people
  FOR EACH ROW WHEN (OLD.unit_path IS DISTINCT FROM NEW.unit_path) EXECUTE FUNCTION people_path_quarantine();

-- Read model of the active stays for the figures: how many stays of each place (facility, or the
-- unit of homes and accommodations) start and are planned to end on each pair of days. Kept by a
-- trigger, so occupancy and forecasts for a whole province read a few thousand rows, not every stay.
CREATE TABLE quarantine_stay_counts (
  unit_id      text NOT NULL,
  unit_path    text COLLATE "C" NOT NULL,
  facility_id  bigint NOT NULL,            -- 0: at home or at an accommodation
  start_on     date NOT NULL,
  planned_end  date NOT NULL,
  n            integer NOT NULL CHECK (n >= 0),
  PRIMARY KEY (unit_id, facility_id, start_on, planned_end)
);
CREATE INDEX quarantine_stay_counts_path ON quarantine_stay_counts(unit_path) INCLUDE (facility_id, start_on, planned_end, n);
CREATE INDEX quarantine_stay_counts_facility ON quarantine_stay_counts(facility_id) INCLUDE (start_on, planned_end, n);

CREATE FUNCTION quarantine_stay_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE','DELETE') AND OLD.status = 'active' THEN
    UPDATE quarantine_stay_counts SET n = n - 1
     WHERE unit_id = OLD.unit_id AND facility_id = COALESCE(OLD.facility_id, 0) AND start_on = OLD.start_on AND planned_end = OLD.planned_end;
    DELETE FROM quarantine_stay_counts
     WHERE unit_id = OLD.unit_id AND facility_id = COALESCE(OLD.facility_id, 0) AND start_on = OLD.start_on AND planned_end = OLD.planned_end AND n = 0;
  END IF;
  IF TG_OP IN ('INSERT','UPDATE') AND NEW.status = 'active' THEN
    INSERT INTO quarantine_stay_counts (unit_id, unit_path, facility_id, start_on, planned_end, n)
    VALUES (NEW.unit_id, NEW.unit_path, COALESCE(NEW.facility_id, 0), NEW.start_on, NEW.planned_end, 1)
    ON CONFLICT (unit_id, facility_id, start_on, planned_end) DO UPDATE SET n = quarantine_stay_counts.n + 1;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER quarantine_placements_counts AFTER INSERT OR DELETE OR UPDATE OF status, unit_id, facility_id, start_on, planned_end ON quarantine_placements
  FOR EACH ROW EXECUTE FUNCTION quarantine_stay_count();

CREATE TRIGGER audit_quarantine_rules AFTER INSERT OR UPDATE OR DELETE ON quarantine_rules FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_quarantine_facilities AFTER INSERT OR UPDATE OR DELETE ON quarantine_facilities FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_quarantine_rooms AFTER INSERT OR UPDATE OR DELETE ON quarantine_rooms FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_quarantine_placements AFTER INSERT OR UPDATE OR DELETE ON quarantine_placements FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_quarantine_checks AFTER INSERT OR UPDATE OR DELETE ON quarantine_checks FOR EACH ROW EXECUTE FUNCTION audit_row();

-- The national periods (../shared/research/levels-and-safety-rules.md §6, DOMAIN.md). Editable data:
-- a province adds its own dated variants through the API. valid_to is the last day in force.
INSERT INTO quarantine_rules (kind, name, valid_from, valid_to, days, monitoring_days, required_tests, source, confidence, note) VALUES
  ('f1', 'Cách ly tập trung 14 ngày (2020)', '2020-01-01', '2021-05-04', 14, 14, '{}',
   'QĐ 879/QĐ-BYT và QĐ 878/QĐ-BYT năm 2020 (cách ly tại nhà, nơi lưu trú; cách ly tập trung)', 'secondary',
   'Thời gian 14 ngày + 14 ngày theo dõi tại nhà: nguồn thứ cấp (Công điện 600 "từ ít nhất 14 lên ít nhất 21 ngày"). Số hiệu và ngày của QĐ 878 chưa kiểm chứng; số lần xét nghiệm không có trong nguồn.'),
  ('entry', 'Cách ly tập trung 14 ngày (2020)', '2020-01-01', '2021-05-04', 14, 14, '{}',
   'QĐ 879/QĐ-BYT và QĐ 878/QĐ-BYT năm 2020 (cách ly tại nhà, nơi lưu trú; cách ly tập trung)', 'secondary', NULL),
  ('illegal-entry', 'Cách ly tập trung 14 ngày (2020)', '2020-01-01', '2021-05-04', 14, 14, '{}',
   'QĐ 879/QĐ-BYT và QĐ 878/QĐ-BYT năm 2020 (cách ly tại nhà, nơi lưu trú; cách ly tập trung)', 'secondary', NULL),
  ('f1', 'Cách ly tập trung 21 ngày', '2021-05-05', '2021-07-13', 21, 7, '{1,14,20}',
   'Công điện 600/CĐ-BCĐ ngày 05/05/2021', 'secondary',
   'Ít nhất 21 ngày liên tục từ ngày nhập cảnh hoặc tiếp xúc cuối; xét nghiệm ít nhất ngày 1, 14, 20; theo dõi tại nhà sau cách ly giảm từ 14 xuống 7 ngày, xét nghiệm ngày thứ 7.'),
  ('entry', 'Cách ly tập trung 21 ngày', '2021-05-05', '2021-07-13', 21, 7, '{1,14,20}',
   'Công điện 600/CĐ-BCĐ ngày 05/05/2021', 'secondary', NULL),
  ('illegal-entry', 'Cách ly tập trung 21 ngày', '2021-05-05', '2021-07-13', 21, 7, '{1,14,20}',
   'Công điện 600/CĐ-BCĐ ngày 05/05/2021', 'secondary', NULL),
  ('f1', 'Cách ly 14 ngày + 14 ngày theo dõi', '2021-07-14', '2022-02-20', 14, 14, '{1,7,14}',
   'Công văn 5599/BYT-MT ngày 14/07/2021', 'secondary',
   'F1 và người nhập cảnh trở lại 14 ngày cách ly + 14 ngày theo dõi tại nhà; thí điểm cách ly F1 tại nhà (xét nghiệm ngày 1, 7, 14).'),
  ('entry', 'Cách ly 14 ngày + 14 ngày theo dõi', '2021-07-14', NULL, 14, 14, '{1,7,14}',
   'Công văn 5599/BYT-MT ngày 14/07/2021', 'secondary',
   'Các thay đổi về sau đối với người nhập cảnh chưa có trong tư liệu đã đối chiếu: tỉnh bổ sung quy định có ngày hiệu lực.'),
  ('illegal-entry', 'Cách ly 14 ngày + 14 ngày theo dõi', '2021-07-14', NULL, 14, 14, '{1,7,14}',
   'Công văn 5599/BYT-MT ngày 14/07/2021', 'secondary',
   'Các thay đổi về sau chưa có trong tư liệu đã đối chiếu: tỉnh bổ sung quy định có ngày hiệu lực.'),
  ('f1-vaccinated', 'F1 đã tiêm đủ liều: 7 ngày + 7 ngày tự theo dõi', '2021-12-16', '2022-02-20', 7, 7, '{1,7}',
   'Công văn 10696/BYT-MT ngày 16/12/2021 "Cách ly y tế cho trường hợp F1 đã tiêm đủ liều vắc xin hoặc đã khỏi bệnh COVID-19"', 'secondary',
   'Tiêm đủ liều (mũi cuối từ 14 ngày đến 6 tháng) hoặc đã khỏi bệnh trong 6 tháng: cách ly tại nhà 7 ngày, tự theo dõi 7 ngày; xét nghiệm ngày 1 và ngày 7.'),
  ('f1-vaccinated', 'F1 đã tiêm đủ liều: 5 ngày + 5 ngày tự theo dõi', '2022-02-21', '2022-04-14', 5, 5, '{5}',
   'Công văn 762/BYT-DP ngày 21/02/2022', 'verified',
   'Tiêm ít nhất 2 liều (mũi cuối từ 14 ngày) hoặc đã khỏi bệnh trong 3 tháng: cách ly 5 ngày từ lần tiếp xúc cuối, xét nghiệm ngày 5; âm tính thì tự theo dõi 5 ngày.'),
  ('f1', 'F1 chưa tiêm đủ liều: 7 ngày + 3 ngày tự theo dõi', '2022-02-21', '2022-04-14', 7, 3, '{7}',
   'Công văn 762/BYT-DP ngày 21/02/2022', 'secondary', 'Cách ly 7 ngày, xét nghiệm ngày 7, rồi tự theo dõi 3 ngày.'),
  ('f1', 'F1 không phải cách ly', '2022-04-15', NULL, 0, 10, '{}',
   'Công văn 1909/BYT-DP ngày 15/04/2022', 'secondary',
   'F1 không cách ly; trong 10 ngày sau lần tiếp xúc cuối: đeo khẩu trang, khử khuẩn, hạn chế tiếp xúc người có nguy cơ và nơi đông người, tự theo dõi và báo khi có triệu chứng.'),
  ('f1-vaccinated', 'F1 không phải cách ly', '2022-04-15', NULL, 0, 10, '{}',
   'Công văn 1909/BYT-DP ngày 15/04/2022', 'secondary', NULL);
