/** A small seeded generator (mulberry32): the demo province is the same on every machine. */
export class Random {
  private state: number
  constructor(seed: number) {
    this.state = seed >>> 0
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!
  }
  chance(p: number): boolean {
    return this.next() < p
  }
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Hoàng', 'Võ', 'Phan', 'Trương', 'Bùi', 'Đặng', 'Đỗ', 'Ngô', 'Hồ', 'Dương', 'Lý', 'Lâm', 'Tô', 'Châu', 'Danh', 'Thạch', 'Kim', 'Quách', 'Mai', 'Tăng']
const MIDDLE_M = ['Văn', 'Minh', 'Hữu', 'Quốc', 'Thanh', 'Công', 'Đức', 'Hoàng', 'Ngọc', 'Tấn']
const MIDDLE_F = ['Thị', 'Ngọc', 'Thanh', 'Kim', 'Mỹ', 'Bích', 'Hồng', 'Thu', 'Diễm', 'Phương']
const GIVEN_M = ['Hùng', 'Dũng', 'Tuấn', 'Phúc', 'Lộc', 'Tài', 'Khang', 'Nam', 'Sơn', 'Hải', 'Tâm', 'Trí', 'Thành', 'Vũ', 'Khoa', 'Bình', 'Long', 'Quang', 'Sang', 'Nhân']
const GIVEN_F = ['Lan', 'Hoa', 'Hương', 'Trang', 'Linh', 'Ngân', 'Thảo', 'Yến', 'Nhung', 'Vy', 'Hạnh', 'Mai', 'Tuyết', 'Oanh', 'Loan', 'Phượng', 'Thủy', 'Châu', 'Trinh', 'Duyên']

export function personName(rng: Random, sex: 'male' | 'female'): string {
  const middle = sex === 'male' ? MIDDLE_M : MIDDLE_F
  const given = sex === 'male' ? GIVEN_M : GIVEN_F
  return `${rng.pick(FAMILY)} ${rng.pick(middle)} ${rng.pick(given)}`
}
