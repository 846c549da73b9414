package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/org"
)

// refreshCookie carries the refresh token; the SPA never sees it. Its path limits it to the auth
// endpoints, and SameSite=Strict keeps other sites from using it.
const refreshCookie = "pm_refresh"

// deviceCookie marks a browser that has signed in to an account before (see auth.Protection); only
// sign-in reads it.
const (
	deviceCookie     = "pm_device"
	deviceCookiePath = "/api/v1/auth/login"
)

func (h *Handlers) setSession(c echo.Context, status int, s auth.Session) error {
	if s.DeviceToken != "" {
		c.SetCookie(&http.Cookie{
			Name: deviceCookie, Value: s.DeviceToken, Path: deviceCookiePath,
			MaxAge: int(s.DeviceTTL.Seconds()), HttpOnly: true, Secure: h.SecureCookie, SameSite: http.SameSiteStrictMode,
		})
	}
	c.SetCookie(&http.Cookie{
		Name: refreshCookie, Value: s.RefreshToken, Path: "/api/v1/auth",
		MaxAge: int(s.RefreshTTL.Seconds()), HttpOnly: true, Secure: h.SecureCookie, SameSite: http.SameSiteStrictMode,
	})
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(status, TokenResponse{AccessToken: s.AccessToken, TokenType: Bearer, ExpiresIn: int(s.ExpiresIn.Seconds())})
}

func (h *Handlers) clearSession(c echo.Context) {
	c.SetCookie(&http.Cookie{
		Name: refreshCookie, Value: "", Path: "/api/v1/auth", MaxAge: -1,
		HttpOnly: true, Secure: h.SecureCookie, SameSite: http.SameSiteStrictMode,
	})
}

func cookieValue(c echo.Context, name string) string {
	ck, err := c.Cookie(name)
	if err != nil {
		return ""
	}
	return ck.Value
}

func refreshToken(c echo.Context) string { return cookieValue(c, refreshCookie) }

func (h *Handlers) Login(c echo.Context) error {
	var req LoginRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	s, err := h.Auth.Login(c.Request().Context(), auth.LoginAttempt{
		Email: string(req.Email), Password: req.Password, ClientIP: c.RealIP(), DeviceToken: cookieValue(c, deviceCookie),
	})
	if err != nil {
		return err
	}
	return h.setSession(c, http.StatusOK, s)
}

func (h *Handlers) Refresh(c echo.Context) error {
	s, err := h.Auth.Refresh(c.Request().Context(), refreshToken(c))
	if err != nil {
		h.clearSession(c)
		return err
	}
	return h.setSession(c, http.StatusOK, s)
}

func (h *Handlers) Logout(c echo.Context) error {
	if err := h.Auth.Logout(c.Request().Context(), refreshToken(c)); err != nil {
		return err
	}
	h.clearSession(c)
	return noContent(c)
}

func (h *Handlers) RequestPasswordReset(c echo.Context) error {
	var req PasswordResetRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	if err := h.Auth.RequestPasswordReset(c.Request().Context(), string(req.Email), c.RealIP()); err != nil {
		return err
	}
	return c.NoContent(http.StatusAccepted)
}

func (h *Handlers) ConfirmPasswordReset(c echo.Context) error {
	var req PasswordResetConfirm
	if err := decode(c, &req); err != nil {
		return err
	}
	if err := h.Auth.ResetPassword(c.Request().Context(), req.Token, req.Password); err != nil {
		return err
	}
	return noContent(c)
}

func toMe(a auth.Account, o org.Organization) Me {
	return Me{Id: a.ID, Email: a.Email, Name: a.Name, Role: Role(a.Role), Organization: toOrganization(o)}
}

// GetMe answers with the account authentication has just read (reading it again would double the
// cost of the most frequent request), and its organisation.
func (h *Handlers) GetMe(c echo.Context) error {
	p := principal(c)
	o, err := h.Orgs.Get(c.Request().Context(), p, p.OrgID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toMe(account(c), o))
}

func (h *Handlers) UpdateMe(c echo.Context) error {
	var req MeUpdate
	if err := decode(c, &req); err != nil {
		return err
	}
	a, err := h.Auth.UpdateMe(c.Request().Context(), principal(c), auth.ProfileUpdate{
		Name: req.Name, CurrentPassword: req.CurrentPassword, NewPassword: req.NewPassword,
	})
	if err != nil {
		return err
	}
	o, err := h.Orgs.Get(c.Request().Context(), principal(c), a.OrgID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toMe(a, o))
}
