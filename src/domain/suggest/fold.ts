/**
 * Folds common traditional characters to their simplified forms, one code point for one, so the
 * cues (written in simplified characters) read a traditional record (問題 → 问题, 建議 → 建议,
 * 答覆 → 答复) with every offset unchanged. A table of the characters this genre uses, not a full
 * converter: an unknown character is kept as it is.
 */
const PAIRS =
  '問问題题議议會会員员長长說说應应該该須须發发據据資资並并務务與与為为這这個个們们對对於于過过還还進进' +
  '開开關关從从後后來来時时間间當当將将無无給给處处實实現现將将點点經经濟济產产業业區区縣县鄉乡鎮镇' +
  '農农醫医療疗養养護护機机構构設设備备費费補补貼贴財财政政稅税財财預预算算屬属總总體体質质線线' +
  '網网絡络電电話话報报導导辦办處处負负責责層层級级輪轮候候數数據据統统計计條条規规範范標标準准' +
  '確确認认識识專专業业學学習习職职術术讓让營营環环境境險险隱隐患患題题難难點点級级顧顾慮虑壓压' +
  '歲岁齡龄離离轉转差差獲获單单位位擇择選选偏偏遠远團团織织參参與与決决解解策策劃划規规劃划廣广' +
  '東东門门驗验證证書书記记錄录積积極极續续繼继擴扩張张減减輕轻優优質质價价錢钱貸贷幣币歷历' +
  '態态勢势動动變变響响環环節节約约協协調调審审蘊蕴彙汇彌弥補补儘尽盡尽權权利利義义務务區区劃划' +
  '檢检查查測测試试狀状況况療疗兒儿婦妇親亲屬属齊齐盧卢錫锡鐘钟陳陈劉刘張张楊杨黃黄趙赵吳吴鄭郑' +
  '綜综覆复復复廳厅聯联絡络襲袭損损傷伤災灾舊旧雖虽爭争維维護护衛卫檔档齡龄壯壮殘残障障礙碍' +
  '額额鑑鉴懸悬緊紧貴贵縮缩敗败達达較较歸归邊边嚴严隨随雙双萬万億亿僅仅爾尔寬宽覽览飛飞' +
  '倉仓庫库糧粮漁渔貿贸鐵铁礦矿車车運运輸输駛驶軌轨跡迹號号碼码範范圍围擬拟訂订';

const MAP = new Map<string, string>();
{
  const cps = Array.from(PAIRS);
  for (let i = 0; i + 1 < cps.length; i += 2) if (cps[i] !== cps[i + 1]) MAP.set(cps[i]!, cps[i + 1]!);
}

/** The simplified form of one code point, or the code point itself. */
export function foldChar(ch: string): string {
  return MAP.get(ch) ?? ch;
}

/** Folds an array of code points (same length, same offsets). */
export function foldChars(chars: readonly string[]): string[] {
  return chars.map(foldChar);
}
