package matching

import "time"

// This file turns an attorney's weekly windows and blackouts into what the blackout constraint and
// the availability and urgency scores read: days and window minutes between now and the deadline,
// counted in the attorney's own zone. Days are numbered from 1970-01-01 so ranges are integer
// arithmetic; whole weeks are counted in closed form, so a deadline a year away costs no more than one
// next week.

// noDeadlineDays is how far ahead the engine looks when a referral has no deadline.
const noDeadlineDays = 30

const minutesPerDay = 24 * 60

// availability is an attorney's time for one referral. Open and blocked count the days from today to
// the deadline, both included, that the attorney works (those with a window, or every day when they
// list no windows), free or blacked out. Minutes are window minutes on free days from now on.
type availability struct {
	open, blocked int
	minutes       int // until the end of the deadline day
	soonMinutes   int // within the urgency horizon (see urgencyHorizonHours)
	lastDay       int64
}

// civilDay numbers a calendar date as days since 1970-01-01 (H. Hinnant's days_from_civil).
func civilDay(y int, m time.Month, d int) int64 {
	yy, mm := int64(y), int64(m)
	if mm <= 2 {
		yy--
	}
	era := yy / 400
	if yy < 0 && yy%400 != 0 {
		era--
	}
	yoe := yy - era*400
	doy := (153*((mm+9)%12)+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// dateDay numbers t's calendar date, as written in t's own location. Dates come at UTC midnight, so
// that case skips the calendar arithmetic of time.Time.Date.
func dateDay(t time.Time) int64 {
	if t.Location() == time.UTC {
		sec := t.Unix()
		day := sec / 86400
		if sec%86400 < 0 {
			day--
		}
		return day
	}
	y, m, d := t.Date()
	return civilDay(y, m, d)
}

// dayDate is the inverse of dateDay, at UTC midnight.
func dayDate(day int64) time.Time { return time.Unix(day*86400, 0).UTC() }

// weekdayOf is the weekday of a day number: 1970-01-01 was a Thursday.
func weekdayOf(day int64) int { return int((day%7 + 7 + int64(time.Thursday)) % 7) }

// schedule is an attorney's week: window minutes per weekday.
type schedule struct {
	a          *Attorney
	week       [7]int
	hasWindows bool
}

func newSchedule(a *Attorney) schedule {
	s := schedule{a: a}
	for _, w := range a.Windows {
		if n := windowMinutes(w, 0, minutesPerDay); n > 0 && w.Weekday >= 0 && w.Weekday < 7 {
			s.week[w.Weekday] += n
			s.hasWindows = true
		}
	}
	return s
}

// windowMinutes is how much of w falls between the minutes from and to of its day.
func windowMinutes(w Window, from, to int) int {
	return max(0, min(w.End, to, minutesPerDay)-max(w.Start, from, 0))
}

// minutesBetween is the window minutes on weekday wd between the minutes from and to of the day.
func (s *schedule) minutesBetween(wd, from, to int) int {
	n := 0
	for _, w := range s.a.Windows {
		if int(w.Weekday) == wd {
			n += windowMinutes(w, from, to)
		}
	}
	return n
}

func (s *schedule) blockedOn(day int64) bool {
	for _, b := range s.a.Blackouts {
		if dateDay(b.From) <= day && day <= dateDay(b.To) {
			return true
		}
	}
	return false
}

// weekdayCounts counts each weekday among the days from..to.
func weekdayCounts(from, to int64) [7]int {
	var c [7]int
	n := to - from + 1
	if n <= 0 {
		return c
	}
	for i := range c {
		c[i] = int(n / 7)
	}
	w := weekdayOf(from)
	for k := range int(n % 7) {
		c[(w+k)%7]++
	}
	return c
}

// tally counts over the days from..to the working days free and blacked out, and the window minutes
// on free days. It walks the range in runs of free and blacked-out days, so overlapping blackouts
// count once.
func (s *schedule) tally(from, to int64) (open, blocked, minutes int) {
	for cur := from; cur <= to; {
		end, covered, next := cur, false, to+1
		for _, b := range s.a.Blackouts {
			bf, bt := dateDay(b.From), dateDay(b.To)
			switch {
			case bf <= cur && cur <= bt:
				end, covered = max(end, bt), true
			case bf > cur && bf < next:
				next = bf
			}
		}
		if covered {
			end = min(end, to)
			blocked += s.workingDays(weekdayCounts(cur, end))
			cur = end + 1
			continue
		}
		c := weekdayCounts(cur, next-1)
		open += s.workingDays(c)
		for wd, n := range c {
			minutes += n * s.week[wd]
		}
		cur = next
	}
	return open, blocked, minutes
}

func (s *schedule) workingDays(c [7]int) int {
	n := 0
	for wd, k := range c {
		if !s.hasWindows || s.week[wd] > 0 {
			n += k
		}
	}
	return n
}

// trim takes from n, the window minutes on free days from day from to day to, those before minute
// fromMin of the first day and after minute toMin of the last.
func (s *schedule) trim(n int, from int64, fromMin int, to int64, toMin int) int {
	if fromMin > 0 && !s.blockedOn(from) {
		n -= s.minutesBetween(weekdayOf(from), 0, fromMin)
	}
	if toMin < minutesPerDay && !s.blockedOn(to) {
		n -= s.minutesBetween(weekdayOf(to), toMin, minutesPerDay)
	}
	return max(n, 0)
}

// urgencyHorizonHours is how soon an urgent referral wants its attorney at work: the urgency score
// reads the window hours within it. Routine referrals have none.
func urgencyHorizonHours(urgency string) int {
	switch urgency {
	case "emergency", "urgent":
		return 72
	case "soon":
		return 7 * 24
	}
	return 0
}

// clock is what availability needs of the referral and of now, worked out once per ranking: the
// deadline's day, the urgency horizon, and today in each zone, cached because attorneys share few zones.
type clock struct {
	now         time.Time
	deadline    int64
	hasDeadline bool
	horizon     int // hours, see urgencyHorizonHours
	zones       [8]zoneToday
	cached      int
}

type zoneToday struct {
	loc    *time.Location
	today  int64
	nowMin int
}

func newClock(r *Referral, now time.Time) clock {
	k := clock{now: now, hasDeadline: !r.Deadline.IsZero(), horizon: urgencyHorizonHours(r.Urgency)}
	if k.hasDeadline {
		k.deadline = dateDay(r.Deadline)
	}
	return k
}

// today is the day number and the minute of the day it is now in loc (nil: UTC).
func (k *clock) today(loc *time.Location) (int64, int) {
	if loc == nil {
		loc = time.UTC
	}
	for _, z := range k.zones[:k.cached] {
		if z.loc == loc {
			return z.today, z.nowMin
		}
	}
	local := k.now.In(loc)
	z := zoneToday{loc: loc, today: dateDay(local), nowMin: local.Hour()*60 + local.Minute()}
	if k.cached < len(k.zones) {
		k.zones[k.cached] = z
		k.cached++
	}
	return z.today, z.nowMin
}

// availabilityOf counts the attorney's time from now until the end of the referral's deadline day
// (30 days ahead without one; today at least when the deadline has passed).
func availabilityOf(k *clock, a *Attorney) availability {
	today, nowMin := k.today(a.Location)
	last := today + noDeadlineDays
	if k.hasDeadline {
		last = max(k.deadline, today)
	}
	s := newSchedule(a)
	v := availability{lastDay: last}
	var minutes int
	v.open, v.blocked, minutes = s.tally(today, last)
	v.minutes = s.trim(minutes, today, nowMin, last, minutesPerDay)
	if k.horizon > 0 {
		end, endMin := today+int64(k.horizon/24), nowMin
		if end > last {
			end, endMin = last, minutesPerDay
		}
		_, _, soon := s.tally(today, end)
		v.soonMinutes = s.trim(soon, today, nowMin, end, endMin)
	}
	return v
}
