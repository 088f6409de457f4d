if (!process.env.DATABASE_URL) {
  console.error('test:pg cần biến DATABASE_URL trỏ tới một máy chủ PostgreSQL 15+ (ví dụ postgres://postgres@localhost:5432/postgres).')
  process.exit(1)
}
