-- Treatment: the 3-tier tower (facilities, beds by kind, admissions, transfers, discharges and
-- deaths linked to cases) and F0 cared for at home (eligibility by the rule in force, daily checks
-- by the station or the patient's personal link, escalation tasks on warning signs, release).
--
-- Jurisdiction: a facility belongs to the unit it stands in (unit_path). A stay (admission) and an
-- F0 at home carry their person's path (unit_path, kept when the person moves) and the path of the
-- facility or station caring for them, and are seen from either side.

-- Home-care rules as dated data: the national periods below and a province's own variants.
CREATE TABLE care_rules (
  id            serial PRIMARY KEY,
  valid_from    date NOT NULL,
  unit_id       text REFERENCES units(id),      -- NULL: national
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  eligibility   jsonb NOT NULL,                 -- src/domain/care/rules.ts EligibilityRule
  warnings      jsonb NOT NULL,                 -- WarningRule
  release       jsonb NOT NULL,                 -- ReleaseRule
  source        text NOT NULL,
  confidence    text NOT NULL CHECK (confidence IN ('verified','secondary','unverified')),
  note          text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (unit_id, valid_from)
);
CREATE UNIQUE INDEX care_rules_national ON care_rules(valid_from) WHERE unit_id IS NULL;

CREATE TABLE care_facilities (
  id                   bigserial PRIMARY KEY,
  name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  tier                 smallint NOT NULL CHECK (tier BETWEEN 1 AND 3),
  kind                 text NOT NULL CHECK (kind IN ('collection','field_hospital','covid_hospital','general_hospital','icu_center','health_station','mobile_station')),
  unit_id              text NOT NULL REFERENCES units(id),
  unit_path            text COLLATE "C" NOT NULL,
  address              text,
  lat                  double precision CHECK (lat BETWEEN -90 AND 90),
  lon                  double precision CHECK (lon BETWEEN -180 AND 180),
  beds_regular         integer NOT NULL DEFAULT 0 CHECK (beds_regular BETWEEN 0 AND 100000),
  beds_oxygen          integer NOT NULL DEFAULT 0 CHECK (beds_oxygen BETWEEN 0 AND 100000),
  beds_icu             integer NOT NULL DEFAULT 0 CHECK (beds_icu BETWEEN 0 AND 100000),
  beds_ventilator      integer NOT NULL DEFAULT 0 CHECK (beds_ventilator BETWEEN 0 AND 100000),
  staff_doctors        integer NOT NULL DEFAULT 0 CHECK (staff_doctors BETWEEN 0 AND 100000),
  staff_nurses         integer NOT NULL DEFAULT 0 CHECK (staff_nurses BETWEEN 0 AND 100000),
  staff_other          integer NOT NULL DEFAULT 0 CHECK (staff_other BETWEEN 0 AND 100000),
  -- Oxygen supply: a liquid-oxygen tank (m³), cylinders and concentrators on hand.
  oxygen_tank_m3       numeric(8,1) CHECK (oxygen_tank_m3 BETWEEN 0 AND 1000000),
  oxygen_cylinders     integer NOT NULL DEFAULT 0 CHECK (oxygen_cylinders BETWEEN 0 AND 1000000),
  oxygen_concentrators integer NOT NULL DEFAULT 0 CHECK (oxygen_concentrators BETWEEN 0 AND 1000000),
  manager_name         text,
  phone                text,
  status               text NOT NULL DEFAULT 'open' CHECK (status IN ('open','full','closed')),
  note                 text,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX care_facilities_path ON care_facilities(unit_path, tier);

-- A stay at a facility. A transfer ends one stay ('transferred', naming the next) and opens another.
CREATE TABLE care_admissions (
  id                 bigserial PRIMARY KEY,
  person_id          bigint NOT NULL REFERENCES people(id),
  case_id            bigint REFERENCES cases(id),
  unit_path          text COLLATE "C" NOT NULL,      -- the person's
  facility_id        bigint NOT NULL REFERENCES care_facilities(id),
  facility_path      text COLLATE "C" NOT NULL,      -- the facility's
  tier               smallint NOT NULL CHECK (tier BETWEEN 1 AND 3),
  bed_kind           text NOT NULL CHECK (bed_kind IN ('regular','oxygen','icu','ventilator')),
  severity           text CHECK (severity IN ('asymptomatic','mild','moderate','severe','critical')),
  admitted_on        date NOT NULL,
  status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active','transferred','discharged','died')),
  ended_on           date CHECK (ended_on IS NULL OR ended_on >= admitted_on),
  outcome            text CHECK (outcome IN ('recovered','home_care','transferred_out','died')),
  transferred_to     text,                           -- another province's facility
  from_admission_id  bigint REFERENCES care_admissions(id),
  next_admission_id  bigint REFERENCES care_admissions(id),
  note               text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'active') = (ended_on IS NULL)),
  CHECK (status NOT IN ('discharged','died') OR outcome IS NOT NULL),
  CHECK (status IN ('discharged','died') OR outcome IS NULL)
);
-- One stay at a time per person.
CREATE UNIQUE INDEX care_admissions_active ON care_admissions(person_id) WHERE status = 'active';
-- Occupancy: active stays counted per facility and bed kind by this index alone.
CREATE INDEX care_admissions_occupancy ON care_admissions(facility_id, bed_kind) WHERE status = 'active';
CREATE INDEX care_admissions_facility ON care_admissions(facility_id, admitted_on);
CREATE INDEX care_admissions_path ON care_admissions(unit_path, admitted_on);
CREATE INDEX care_admissions_facility_path ON care_admissions(facility_path, admitted_on);
CREATE INDEX care_admissions_ended ON care_admissions(facility_path, ended_on) WHERE ended_on IS NOT NULL;
CREATE INDEX care_admissions_case ON care_admissions(case_id) WHERE case_id IS NOT NULL;

-- An F0 cared for at home, managed by a commune health station or a mobile medical station.
CREATE TABLE care_home_patients (
  id                 bigserial PRIMARY KEY,
  person_id          bigint NOT NULL REFERENCES people(id),
  case_id            bigint REFERENCES cases(id),
  unit_path          text COLLATE "C" NOT NULL,      -- the person's
  station_id         bigint NOT NULL REFERENCES care_facilities(id),
  station_path       text COLLATE "C" NOT NULL,      -- the station's: the commune's care task list
  rule_id            integer NOT NULL REFERENCES care_rules(id),
  facts              jsonb NOT NULL,                 -- what the eligibility check was given
  grounds            text[] NOT NULL DEFAULT '{}',   -- what qualified the patient
  age_years          smallint,
  fully_vaccinated   boolean NOT NULL DEFAULT false,
  positive_on        date NOT NULL,                  -- day 1 of isolation
  started_on         date NOT NULL CHECK (started_on >= positive_on),
  status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active','released','admitted','died')),
  ended_on           date CHECK (ended_on IS NULL OR ended_on >= started_on),
  -- The personal link: SHA-256 of a random token (the token itself is shown once).
  link_hash          text UNIQUE,
  link_issued_at     timestamptz,
  note               text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'active') = (ended_on IS NULL))
);
CREATE UNIQUE INDEX care_home_active ON care_home_patients(person_id) WHERE status = 'active';
CREATE INDEX care_home_station ON care_home_patients(station_path, status);
CREATE INDEX care_home_path ON care_home_patients(unit_path, status);
CREATE INDEX care_home_station_id ON care_home_patients(station_id) WHERE status = 'active';

CREATE TABLE care_home_checks (
  id                 bigserial PRIMARY KEY,
  patient_id         bigint NOT NULL REFERENCES care_home_patients(id),
  checked_at         timestamptz NOT NULL,
  checked_on         date NOT NULL,
  spo2               smallint CHECK (spo2 BETWEEN 50 AND 100),
  respiratory_rate   smallint CHECK (respiratory_rate BETWEEN 5 AND 80),
  pulse              smallint CHECK (pulse BETWEEN 20 AND 250),
  temperature        numeric(3,1) CHECK (temperature BETWEEN 30 AND 45),
  systolic           smallint CHECK (systolic BETWEEN 40 AND 260),
  diastolic          smallint CHECK (diastolic BETWEEN 20 AND 160),
  symptoms           text[] NOT NULL DEFAULT '{}',
  by_patient         boolean NOT NULL DEFAULT false,
  checked_by         bigint REFERENCES users(id),
  warnings           jsonb NOT NULL DEFAULT '[]',
  note               text,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX care_home_checks_patient ON care_home_checks(patient_id, checked_at);

-- A warning sign opens a task for the commune with a deadline; a named user closes it.
CREATE TABLE care_escalations (
  id                 bigserial PRIMARY KEY,
  patient_id         bigint NOT NULL REFERENCES care_home_patients(id),
  check_id           bigint NOT NULL REFERENCES care_home_checks(id),
  unit_path          text COLLATE "C" NOT NULL,      -- the person's
  station_path       text COLLATE "C" NOT NULL,
  warnings           jsonb NOT NULL,
  opened_at          timestamptz NOT NULL,
  due_at             timestamptz NOT NULL CHECK (due_at >= opened_at),
  status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
  closed_at          timestamptz,
  closed_by          bigint REFERENCES users(id),
  resolution         text CHECK (resolution IN ('admitted','visited','false_alarm','other')),
  note               text,
  CHECK ((status = 'closed') = (closed_at IS NOT NULL AND closed_by IS NOT NULL AND resolution IS NOT NULL))
);
-- One open task per patient: later warnings are noted on it.
CREATE UNIQUE INDEX care_escalations_open ON care_escalations(patient_id) WHERE status = 'open';
CREATE INDEX care_escalations_station ON care_escalations(station_path, status, due_at);
CREATE INDEX care_escalations_path ON care_escalations(unit_path, status);

-- The person's path, copied on insert and carried when the person moves (function of 0015).
CREATE TRIGGER care_admissions_path BEFORE INSERT ON care_admissions FOR EACH ROW WHEN (NEW.unit_path IS NULL) EXECUTE FUNCTION person_row_path();
CREATE TRIGGER care_home_patients_path BEFORE INSERT ON care_home_patients FOR EACH ROW WHEN (NEW.unit_path IS NULL) EXECUTE FUNCTION person_row_path();
CREATE TRIGGER care_admissions_path_move BEFORE UPDATE OF person_id ON care_admissions FOR EACH ROW EXECUTE FUNCTION person_row_path();
CREATE TRIGGER care_home_patients_path_move BEFORE UPDATE OF person_id ON care_home_patients FOR EACH ROW EXECUTE FUNCTION person_row_path();

CREATE FUNCTION people_path_care() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE care_admissions SET unit_path = NEW.unit_path WHERE person_id = NEW.id;
  UPDATE care_home_patients SET unit_path = NEW.unit_path WHERE person_id = NEW.id;
  UPDATE care_escalations e SET unit_path = NEW.unit_path FROM care_home_patients h WHERE h.id = e.patient_id AND h.person_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER people_path_care AFTER UPDATE OF unit_path ON people
  FOR EACH ROW WHEN (OLD.unit_path IS DISTINCT FROM NEW.unit_path) EXECUTE FUNCTION people_path_care();

-- A facility moved to another unit takes its stays and stations' patients along.
CREATE FUNCTION care_facility_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE care_admissions SET facility_path = NEW.unit_path WHERE facility_id = NEW.id;
  UPDATE care_home_patients SET station_path = NEW.unit_path WHERE station_id = NEW.id;
  UPDATE care_escalations e SET station_path = NEW.unit_path FROM care_home_patients h WHERE h.id = e.patient_id AND h.station_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER care_facility_path AFTER UPDATE OF unit_path ON care_facilities
  FOR EACH ROW WHEN (OLD.unit_path IS DISTINCT FROM NEW.unit_path) EXECUTE FUNCTION care_facility_path();

CREATE TRIGGER audit_care_rules AFTER INSERT OR UPDATE OR DELETE ON care_rules FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_care_facilities AFTER INSERT OR UPDATE OR DELETE ON care_facilities FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_care_admissions AFTER INSERT OR UPDATE OR DELETE ON care_admissions FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_care_home_patients AFTER INSERT OR UPDATE OR DELETE ON care_home_patients FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_care_home_checks AFTER INSERT OR UPDATE OR DELETE ON care_home_checks FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER audit_care_escalations AFTER INSERT OR UPDATE OR DELETE ON care_escalations FOR EACH ROW EXECUTE FUNCTION audit_row();

-- The national periods (NATIONAL_HOME_CARE_RULES in src/domain/care/rules.ts; a test keeps them
-- equal). Editable; a province adds its own dated variant.
INSERT INTO care_rules (valid_from, unit_id, name, eligibility, warnings, release, source, confidence, note) VALUES
  ('2021-08-21', NULL, 'QĐ 4038/QĐ-BYT (21/08/2021)',
   '{"source":"Bộ Y tế, Quyết định 4038/QĐ-BYT ngày 21/8/2021 ban hành Hướng dẫn tạm thời về quản lý người nhiễm COVID-19 tại nhà (theo tintuc.thuvienphapluat.vn 21/8/2021 và baovephapluat.vn)","confidence":"secondary","severities":["asymptomatic","mild"],"spo2":{"op":">=","value":96},"respiratoryRate":{"op":"<=","value":20},"noAbnormalBreathing":true,"conditions":"any","protection":{"vaccinated":{"minDoses":2,"oneDoseAfterDays":14},"lowRisk":{"age":[{"op":">","value":1},{"op":"<","value":50}],"noConditions":true,"notPregnant":true}},"selfCare":true,"canContactStaff":true}',
   '{"source":"Bộ Y tế, Quyết định 4038/QĐ-BYT ngày 21/8/2021 ban hành Hướng dẫn tạm thời về quản lý người nhiễm COVID-19 tại nhà (theo tintuc.thuvienphapluat.vn 21/8/2021 và baovephapluat.vn); dấu hiệu cảnh báo suy ra từ tiêu chí được theo dõi tại nhà","confidence":"unverified","note":"Danh sách dấu hiệu cảnh báo của QĐ 4038 chưa đối chiếu được với văn bản: mặc định là SpO2 và nhịp thở ra ngoài tiêu chí, khó thở, đau ngực, lơ mơ, tím tái. Thời hạn xử lý là mặc định của hệ thống, tỉnh tự chỉnh.","spo2":{"op":"<","value":96},"respiratoryRate":[{"fromAge":12,"toAge":null,"threshold":{"op":">","value":20}}],"pulse":[],"systolic":null,"diastolic":null,"temperature":null,"symptoms":["shortness_of_breath","chest_pain","abnormal_breathing","altered_consciousness","cyanosis"],"escalationHours":2}',
   '{"source":"Bộ Y tế, Quyết định 4038/QĐ-BYT ngày 21/8/2021 ban hành Hướng dẫn tạm thời về quản lý người nhiễm COVID-19 tại nhà (theo tintuc.thuvienphapluat.vn 21/8/2021 và baovephapluat.vn)","confidence":"unverified","note":"Điều kiện kết thúc cách ly theo QĐ 4038 chưa tìm thấy trong văn bản: mặc định 14 ngày và xét nghiệm âm tính, tỉnh sửa theo văn bản đã áp dụng.","days":14,"test":"pcr","extendedDays":null}',
   'Bộ Y tế, Quyết định 4038/QĐ-BYT ngày 21/8/2021 ban hành Hướng dẫn tạm thời về quản lý người nhiễm COVID-19 tại nhà (theo tintuc.thuvienphapluat.vn 21/8/2021 và baovephapluat.vn)', 'secondary', 'Ban Chỉ đạo tỉnh quyết định áp dụng khi vượt khả năng thu dung. Theo dõi 2 lần/ngày (sáng, chiều).'),
  ('2021-12-29', NULL, 'Điều trị tại nhà: kết thúc sau 10 ngày (12/2021)',
   '{"source":"Bộ Y tế, Quyết định 4038/QĐ-BYT ngày 21/8/2021 ban hành Hướng dẫn tạm thời về quản lý người nhiễm COVID-19 tại nhà (theo tintuc.thuvienphapluat.vn 21/8/2021 và baovephapluat.vn)","confidence":"secondary","severities":["asymptomatic","mild"],"spo2":{"op":">=","value":96},"respiratoryRate":{"op":"<=","value":20},"noAbnormalBreathing":true,"conditions":"any","protection":{"vaccinated":{"minDoses":2,"oneDoseAfterDays":14},"lowRisk":{"age":[{"op":">","value":1},{"op":"<","value":50}],"noConditions":true,"notPregnant":true}},"selfCare":true,"canContactStaff":true}',
   '{"source":"Bộ Y tế, Quyết định 4038/QĐ-BYT ngày 21/8/2021 ban hành Hướng dẫn tạm thời về quản lý người nhiễm COVID-19 tại nhà (theo tintuc.thuvienphapluat.vn 21/8/2021 và baovephapluat.vn); dấu hiệu cảnh báo suy ra từ tiêu chí được theo dõi tại nhà","confidence":"unverified","note":"Danh sách dấu hiệu cảnh báo của QĐ 4038 chưa đối chiếu được với văn bản: mặc định là SpO2 và nhịp thở ra ngoài tiêu chí, khó thở, đau ngực, lơ mơ, tím tái. Thời hạn xử lý là mặc định của hệ thống, tỉnh tự chỉnh.","spo2":{"op":"<","value":96},"respiratoryRate":[{"fromAge":12,"toAge":null,"threshold":{"op":">","value":20}}],"pulse":[],"systolic":null,"diastolic":null,"temperature":null,"symptoms":["shortness_of_breath","chest_pain","abnormal_breathing","altered_consciousness","cyanosis"],"escalationHours":2}',
   '{"source":"Bộ Y tế, cuối tháng 12/2021: F0 điều trị tại nhà kết thúc cách ly sau 10 ngày nếu xét nghiệm nhanh kháng nguyên âm tính do nhân viên y tế thực hiện hoặc giám sát (kinhtemoitruong.vn, báo cáo của Hà Nội)","confidence":"secondary","note":"Số văn bản của quy định 10 ngày chưa chắc chắn.","days":10,"test":"antigen","extendedDays":null}',
   'Bộ Y tế, hướng dẫn cuối tháng 12/2021 (có thể kèm Công văn 11042/BYT-DP ngày 29/12/2021)', 'secondary', NULL),
  ('2022-01-28', NULL, 'QĐ 250/QĐ-BYT (28/01/2022): kết thúc sau 7 ngày',
   '{"source":"Bộ Y tế, Quyết định 4038/QĐ-BYT ngày 21/8/2021 ban hành Hướng dẫn tạm thời về quản lý người nhiễm COVID-19 tại nhà (theo tintuc.thuvienphapluat.vn 21/8/2021 và baovephapluat.vn)","confidence":"secondary","severities":["asymptomatic","mild"],"spo2":{"op":">=","value":96},"respiratoryRate":{"op":"<=","value":20},"noAbnormalBreathing":true,"conditions":"any","protection":{"vaccinated":{"minDoses":2,"oneDoseAfterDays":14},"lowRisk":{"age":[{"op":">","value":1},{"op":"<","value":50}],"noConditions":true,"notPregnant":true}},"selfCare":true,"canContactStaff":true}',
   '{"source":"Bộ Y tế, Quyết định 4038/QĐ-BYT ngày 21/8/2021 ban hành Hướng dẫn tạm thời về quản lý người nhiễm COVID-19 tại nhà (theo tintuc.thuvienphapluat.vn 21/8/2021 và baovephapluat.vn); dấu hiệu cảnh báo suy ra từ tiêu chí được theo dõi tại nhà","confidence":"unverified","note":"Danh sách dấu hiệu cảnh báo của QĐ 4038 chưa đối chiếu được với văn bản: mặc định là SpO2 và nhịp thở ra ngoài tiêu chí, khó thở, đau ngực, lơ mơ, tím tái. Thời hạn xử lý là mặc định của hệ thống, tỉnh tự chỉnh.","spo2":{"op":"<","value":96},"respiratoryRate":[{"fromAge":12,"toAge":null,"threshold":{"op":">","value":20}}],"pulse":[],"systolic":null,"diastolic":null,"temperature":null,"symptoms":["shortness_of_breath","chest_pain","abnormal_breathing","altered_consciousness","cyanosis"],"escalationHours":2}',
   '{"source":"Bộ Y tế, Quyết định 250/QĐ-BYT ngày 28/01/2022 (Hướng dẫn chẩn đoán và điều trị COVID-19): kết thúc cách ly sau 7 ngày nếu xét nghiệm nhanh kháng nguyên âm tính (theo binhphuoc.gov.vn 17/02/2022, nhandan.vn)","confidence":"secondary","days":7,"test":"antigen","extendedDays":{"vaccinated":10,"unvaccinated":14}}',
   'Bộ Y tế, Quyết định 250/QĐ-BYT ngày 28/01/2022 (Hướng dẫn chẩn đoán và điều trị COVID-19): kết thúc cách ly sau 7 ngày nếu xét nghiệm nhanh kháng nguyên âm tính (theo binhphuoc.gov.vn 17/02/2022, nhandan.vn)', 'secondary', NULL),
  ('2022-01-31', NULL, 'QĐ 261/QĐ-BYT (31/01/2022)',
   '{"source":"Bộ Y tế, Quyết định 261/QĐ-BYT ngày 31/01/2022 ban hành Hướng dẫn quản lý người mắc COVID-19 tại nhà (thay thế QĐ 4038/QĐ-BYT và 4109/QĐ-BYT; tiêu chí theo phunumoi.net.vn, wellness4all.net; 11 dấu hiệu theo quangninh.news, baoquocte.vn)","confidence":"secondary","severities":["asymptomatic","mild"],"spo2":{"op":">","value":96},"respiratoryRate":{"op":"<","value":20},"noAbnormalBreathing":true,"conditions":"none_or_stable","protection":null,"selfCare":true,"canContactStaff":true}',
   '{"source":"Bộ Y tế, Quyết định 261/QĐ-BYT ngày 31/01/2022 ban hành Hướng dẫn quản lý người mắc COVID-19 tại nhà (thay thế QĐ 4038/QĐ-BYT và 4109/QĐ-BYT; tiêu chí theo phunumoi.net.vn, wellness4all.net; 11 dấu hiệu theo quangninh.news, baoquocte.vn)","confidence":"secondary","note":"Nhịp thở đếm đủ 1 phút khi trẻ nằm yên; SpO2 đo lại sau 30–60 giây. Thời hạn xử lý là mặc định của hệ thống (văn bản yêu cầu báo ngay), tỉnh tự chỉnh.","spo2":{"op":"<=","value":96},"respiratoryRate":[{"fromAge":1,"toAge":5,"threshold":{"op":">=","value":40}},{"fromAge":5,"toAge":12,"threshold":{"op":">=","value":30}},{"fromAge":12,"toAge":null,"threshold":{"op":">=","value":20}}],"pulse":[{"op":">","value":120},{"op":"<","value":50}],"systolic":{"op":"<","value":90},"diastolic":{"op":"<","value":60},"temperature":null,"symptoms":["shortness_of_breath","abnormal_breathing","chest_pain","altered_consciousness","cyanosis","cannot_drink","other_acute_illness","worrying"],"escalationHours":2}',
   '{"source":"Bộ Y tế, Quyết định 261/QĐ-BYT ngày 31/01/2022 ban hành Hướng dẫn quản lý người mắc COVID-19 tại nhà (thay thế QĐ 4038/QĐ-BYT và 4109/QĐ-BYT; tiêu chí theo phunumoi.net.vn, wellness4all.net; 11 dấu hiệu theo quangninh.news, baoquocte.vn); kết thúc cách ly như Bộ Y tế, Quyết định 250/QĐ-BYT ngày 28/01/2022 (Hướng dẫn chẩn đoán và điều trị COVID-19): kết thúc cách ly sau 7 ngày nếu xét nghiệm nhanh kháng nguyên âm tính (theo binhphuoc.gov.vn 17/02/2022, nhandan.vn)","confidence":"secondary","days":7,"test":"antigen","extendedDays":{"vaccinated":10,"unvaccinated":14}}',
   'Bộ Y tế, Quyết định 261/QĐ-BYT ngày 31/01/2022 ban hành Hướng dẫn quản lý người mắc COVID-19 tại nhà (thay thế QĐ 4038/QĐ-BYT và 4109/QĐ-BYT; tiêu chí theo phunumoi.net.vn, wellness4all.net; 11 dấu hiệu theo quangninh.news, baoquocte.vn)', 'secondary', 'Bỏ điều kiện tiêm chủng, tuổi, mang thai của QĐ 4038; ngưỡng chặt hơn: SpO2 > 96%, nhịp thở < 20 lần/phút. Ngưỡng ≥ 21 lần/phút và SpO2 < 95% là của gói chăm sóc tại nhà của Hà Nội (12/2021), không thuộc QĐ 261.');
