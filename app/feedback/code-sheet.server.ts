import QRCode from "qrcode";

import { campaignText } from "./campaign.schemas";
import type { Campaign } from "./campaigns.server";
import { getFixedT } from "../i18n/i18n";
import type { Lang } from "../i18n/lang";

/** What one card says in one language: the campaign's title and the two instructions. */
export type CodeCardText = { lang: Lang; title: string; openLink: string; typeCode: string };

/**
 * The card wording in each language the campaign is offered in, whatever the coordinator's
 * interface language (issue 13 §7): a survivor gets a card they can read.
 */
export function codeCardTexts(campaign: Campaign): CodeCardText[] {
  return campaign.languages.map((lang) => {
    const t = getFixedT(lang);
    return {
      lang,
      title: campaignText(campaign, lang).title,
      openLink: t("feedback:staff.codes.cardLink"),
      typeCode: t("feedback:staff.codes.cardCode"),
    };
  });
}

/**
 * A QR code of the link, drawn on the server by the `qrcode` library as SVG and given as a
 * data: URL for an <img> (the CSP allows `img-src data:`; no script, no inline markup).
 */
export async function linkQrCode(link: string): Promise<string> {
  const svg = await QRCode.toString(link, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
