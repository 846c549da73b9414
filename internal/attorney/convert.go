package attorney

import (
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/store"
)

func toRow(userID uuid.UUID, p Profile) store.AttorneyProfile {
	row := store.AttorneyProfile{
		UserID: userID, MonthlyHourBudget: p.MonthlyHourBudget, MaxActiveMatters: p.MaxActiveMatters,
		AnnualGoalHours: p.AnnualGoalHours, WorkMode: string(p.WorkMode), AcceptsMentored: p.AcceptsMentored,
	}
	for _, b := range p.BarAdmissions {
		status := "inactive"
		if b.Active {
			status = "active"
		}
		row.BarAdmissions = append(row.BarAdmissions, store.AttorneyBarAdmission{
			UserID: userID, Jurisdiction: b.Jurisdiction, BarNumber: b.BarNumber, Status: status, AdmittedOn: b.AdmittedOn})
	}
	for _, a := range p.PracticeAreas {
		row.PracticeAreas = append(row.PracticeAreas, store.AttorneyPracticeArea{UserID: userID, PracticeArea: a.Code, Experience: string(a.Experience)})
	}
	for _, l := range p.Languages {
		row.Languages = append(row.Languages, store.AttorneyLanguage{UserID: userID, Language: l})
	}
	for i, w := range p.Availability {
		end := w.End
		if end == "24:00" { // Postgres time has 24:00:00 as the end of the day
			end = "24:00:00"
		}
		row.Availability = append(row.Availability, store.AttorneyAvailability{
			UserID: userID, Position: i, Weekday: int(w.Weekday), StartsAt: w.Start, EndsAt: end, TimeZone: w.TimeZone})
	}
	for i, d := range p.Blackouts {
		row.Blackouts = append(row.Blackouts, store.AttorneyBlackout{UserID: userID, Position: i, StartsOn: d.Start, EndsOn: d.End})
	}
	return row
}

// hhmm turns Postgres's "HH:MM:SS" back into "HH:MM".
func hhmm(t string) string {
	if i := strings.LastIndex(t, ":"); len(t) == 8 && i == 5 {
		return t[:5]
	}
	return t
}

func fromRow(row store.AttorneyProfile) Profile {
	p := Profile{
		MonthlyHourBudget: row.MonthlyHourBudget, MaxActiveMatters: row.MaxActiveMatters,
		AnnualGoalHours: row.AnnualGoalHours, WorkMode: WorkMode(row.WorkMode), AcceptsMentored: row.AcceptsMentored,
		BarAdmissions: []BarAdmission{}, PracticeAreas: []PracticeArea{}, Languages: []string{},
		Availability: []Window{}, Blackouts: []DateRange{},
	}
	for _, b := range row.BarAdmissions {
		p.BarAdmissions = append(p.BarAdmissions, BarAdmission{Jurisdiction: b.Jurisdiction, BarNumber: b.BarNumber, Active: b.Status == "active", AdmittedOn: b.AdmittedOn})
	}
	for _, a := range row.PracticeAreas {
		p.PracticeAreas = append(p.PracticeAreas, PracticeArea{Code: a.PracticeArea, Experience: Experience(a.Experience)})
	}
	for _, l := range row.Languages {
		p.Languages = append(p.Languages, strings.TrimSpace(l.Language))
	}
	for _, w := range row.Availability {
		p.Availability = append(p.Availability, Window{Weekday: time.Weekday(w.Weekday), Start: hhmm(w.StartsAt), End: hhmm(w.EndsAt), TimeZone: w.TimeZone})
	}
	for _, d := range row.Blackouts {
		p.Blackouts = append(p.Blackouts, DateRange{Start: d.StartsOn, End: d.EndsOn})
	}
	return p
}
