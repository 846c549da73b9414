package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/probono-match/probono/internal/reference"
)

func (h *Handlers) ListPracticeAreas(c echo.Context) error {
	catalog, err := h.Reference.Catalog(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, items(mapSlice(catalog.PracticeAreas, func(a reference.PracticeArea) PracticeArea {
		return PracticeArea{Code: a.Code, Name: a.Name, ParentCode: a.ParentCode, LscCode: a.LSCCode}
	})))
}

func (h *Handlers) ListLanguages(c echo.Context) error {
	catalog, err := h.Reference.Catalog(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, items(mapSlice(catalog.Languages, func(l reference.Language) Language {
		return Language{Code: l.Code, Name: l.Name}
	})))
}

func (h *Handlers) ListJurisdictions(c echo.Context) error {
	catalog, err := h.Reference.Catalog(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, items(mapSlice(catalog.Jurisdictions, func(j reference.Jurisdiction) Jurisdiction {
		return Jurisdiction{Code: j.Code, Name: j.Name, Kind: JurisdictionKind(j.Kind), StateCode: j.StateCode}
	})))
}
