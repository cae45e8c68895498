//! The organisation's name and logo in the header of its public pages (issue 12): a citizen
//! on the contact form or an ad sees whose service it is, not only "Tupa". The logo is the
//! recruitment logo (the only one an organisation uploads), shown only where its address
//! answers: the organisation's plan has recruitment and a logo was uploaded.

use tupa_core::organisations::Organisation;
use tupa_core::recruitment::{board, logos};

use crate::AppState;

/// The header's brand: Tupa's own, or an organisation's.
#[derive(Clone, Debug, Default)]
pub struct Brand {
    /// The organisation's name; None shows "Tupa".
    pub name: Option<String>,
    /// The small logo's address, versioned by its upload time.
    pub logo: Option<String>,
}

impl Brand {
    pub async fn of(state: &AppState, org: &Organisation) -> Result<Brand, tupa_core::Error> {
        let logo = match board::public_org(&state.db, &org.slug).await {
            Ok(_) => logos::effective(&state.db, &org.id, None)
                .await?
                .map(|info| format!("/jobs/{}/logo/small?v={}", org.slug, info.uploaded_at)),
            Err(_) => None,
        };
        Ok(Brand { name: Some(org.name.clone()), logo })
    }
}

impl crate::ctx::Ctx {
    /// Marks this request's page as `org`'s public page: its name and logo go in the header.
    pub async fn brand_as(
        &self,
        state: &AppState,
        org: &Organisation,
    ) -> Result<(), tupa_core::Error> {
        if self.brand.get().is_none() {
            let _ = self.brand.set(Brand::of(state, org).await?);
        }
        Ok(())
    }

    /// The header brand: the organisation's on its public pages, else Tupa's.
    pub fn brand(&self) -> Brand {
        self.brand.get().cloned().unwrap_or_default()
    }
}
