// The fixed rows of the contractor evaluation: the selection criteria (評価項目) and the eight contract items of
// §4.4.3.4 (契約内容). Wording is the project's own; `clause` says which part of the PMS manual each row rests on.
import type { QuestionDef, SectionDef } from '../model/types.js';

export const CRITERIA_SECTIONS: readonly SectionDef[] = [
  { key: '組織的', title: { ja: '組織的安全管理', en: 'Organisational measures' } },
  { key: '人的', title: { ja: '人的安全管理', en: 'Human measures' } },
  { key: '物理的', title: { ja: '物理的安全管理', en: 'Physical measures' } },
  { key: '技術的', title: { ja: '技術的安全管理', en: 'Technical measures' } },
  { key: '再委託', title: { ja: '再委託', en: 'Subcontracting' } },
  { key: '事故・違反歴', title: { ja: '事故・違反歴', en: 'Incident and violation history' } },
  { key: '経営・反社', title: { ja: '経営・反社会的勢力', en: 'Management and anti-social forces' } },
];

/** Selection criteria (§4.4.3.4 選定基準). `critical` = 必須: a 不適合 here rules the contractor out. */
export const CRITERIA: readonly QuestionDef[] = [
  {
    id: 'C-01',
    section: '組織的',
    critical: true,
    clause: '§4.3.2, §4.3.6',
    title: { ja: '個人情報保護の方針と管理体制', en: 'Privacy policy and management system' },
    question: {
      ja: '個人情報保護方針を文書で定め、責任者（個人情報保護管理者等）を任命し、社内規程に沿って個人情報の管理を運用していますか。',
      en: 'Does the contractor have a written privacy policy, a named person responsible for personal information, and internal rules that it actually follows?',
    },
  },
  {
    id: 'C-02',
    section: '組織的',
    clause: '§4.3.3, §4.3.5',
    title: { ja: '個人情報の把握とリスク対策', en: 'Inventory and risk treatment' },
    question: {
      ja: '預かる個人情報を台帳などで把握し、取得から廃棄までの各段階のリスクを洗い出して対策を決めていますか。',
      en: 'Does it keep an inventory of the personal information it handles and has it identified risks and countermeasures for each stage from collection to disposal?',
    },
  },
  {
    id: 'C-03',
    section: '組織的',
    critical: true,
    clause: '§4.3.9',
    title: { ja: '事故時の報告体制', en: 'Incident reporting' },
    question: {
      ja: '漏えい・滅失・き損が起きた、またはその疑いがあるときに、直ちに当社へ連絡する手順と連絡窓口が決まっていますか。',
      en: 'Is there a procedure and a contact point for reporting a leak, loss or damage (or a suspected one) to us without delay?',
    },
  },
  {
    id: 'C-04',
    section: '組織的',
    clause: '§4.5.1, §4.5.2',
    title: { ja: '点検・内部監査', en: 'Checks and internal audit' },
    question: {
      ja: '個人情報の取扱状況を定期的に点検・監査し、見つかった問題を是正していますか。',
      en: 'Does it regularly check and audit how personal information is handled, and correct what it finds?',
    },
  },
  {
    id: 'C-05',
    section: '人的',
    critical: true,
    clause: '§4.4.3.3',
    title: { ja: '従業者の秘密保持', en: 'Staff confidentiality' },
    question: {
      ja: '委託業務に関わる従業者（派遣社員・アルバイトを含む）全員から、退職後も続く秘密保持の誓約を取っていますか。',
      en: 'Has everyone working on our job (temporary and part-time staff included) signed a confidentiality undertaking that continues after they leave?',
    },
  },
  {
    id: 'C-06',
    section: '人的',
    clause: '§4.4.5',
    title: { ja: '従業者教育', en: 'Staff training' },
    question: {
      ja: '従業者に個人情報保護の教育を年1回以上行い、受講の記録を残していますか。',
      en: 'Does it train its staff in personal-information protection at least once a year and keep attendance records?',
    },
  },
  {
    id: 'C-07',
    section: '人的',
    clause: '§4.7, §4.3.7(16)',
    title: { ja: '規程違反への罰則', en: 'Disciplinary rules' },
    question: {
      ja: '個人情報の取扱いに関する規程に違反した従業者への懲戒を、就業規則等で定めていますか。',
      en: 'Do its work rules provide for disciplinary action against staff who break the personal-information rules?',
    },
  },
  {
    id: 'C-08',
    section: '物理的',
    clause: '§4.4.3.2',
    title: { ja: '入退室管理', en: 'Entry control' },
    question: {
      ja: '個人情報を扱う場所を限定し、入退室の制限と記録をしていますか。',
      en: 'Is personal information handled only in designated areas whose entry is restricted and logged?',
    },
  },
  {
    id: 'C-09',
    section: '物理的',
    clause: '§4.4.3.2',
    title: { ja: '書類・媒体の保管と持出し', en: 'Storage and removal of documents and media' },
    question: {
      ja: '書類や記録媒体を施錠できる場所に保管し、社外への持出しや複製を承認制にしていますか。',
      en: 'Are documents and media kept under lock, and does taking them out or copying them need approval?',
    },
  },
  {
    id: 'C-10',
    section: '物理的',
    clause: '§4.4.3.1, §4.4.3.2',
    title: { ja: '廃棄・消去', en: 'Disposal and erasure' },
    question: {
      ja: '不要になった個人情報を復元できない方法（溶解、裁断、データ消去）で処分し、その記録や証明書を残していますか。',
      en: 'Is personal information that is no longer needed destroyed so it cannot be recovered (pulping, shredding, data wiping), with a record or certificate?',
    },
  },
  {
    id: 'C-11',
    section: '技術的',
    critical: true,
    clause: '§4.4.3.2',
    title: { ja: 'アクセス制御', en: 'Access control' },
    question: {
      ja: '利用者ごとにIDを発行し、業務に必要な範囲だけ権限を与え、異動・退職者のIDを速やかに無効にしていますか。',
      en: 'Does each user have their own ID with only the rights the job needs, and are IDs of movers and leavers disabled promptly?',
    },
  },
  {
    id: 'C-12',
    section: '技術的',
    clause: '§4.4.3.2',
    title: { ja: '不正アクセス・マルウェア対策', en: 'Protection against intrusion and malware' },
    question: {
      ja: 'ウイルス対策ソフト、OS・ソフトウェアの更新、ファイアウォール等で外部からの攻撃に備えていますか。',
      en: 'Are anti-malware, timely OS and software updates and a firewall in place against outside attacks?',
    },
  },
  {
    id: 'C-13',
    section: '技術的',
    clause: '§4.4.3.2',
    title: { ja: '暗号化とログ', en: 'Encryption and logs' },
    question: {
      ja: '個人情報を送受信・保存するときに暗号化し、アクセスログを取得して定期的に確認していますか。',
      en: 'Is personal information encrypted in transit and at rest, and are access logs kept and reviewed?',
    },
  },
  {
    id: 'C-14',
    section: '技術的',
    clause: '§4.4.3.2',
    title: { ja: 'バックアップと復旧', en: 'Backup and recovery' },
    question: {
      ja: '滅失・き損に備えてバックアップを取り、復旧できることを確かめていますか。',
      en: 'Are backups taken against loss or damage, and has restoring them been tested?',
    },
  },
  {
    id: 'C-15',
    section: '再委託',
    clause: '§4.4.3.4(3)',
    title: { ja: '再委託先の選定と監督', en: 'Choosing and supervising subcontractors' },
    question: {
      ja: '再委託するときは事前に当社の承諾を得て、再委託先を同じ水準で選び、監督していますか（再委託しない場合は「該当なし」）。',
      en: 'When it subcontracts, does it ask our consent first and choose and supervise the subcontractor to the same standard? (Not applicable if it does not subcontract.)',
    },
  },
  {
    id: 'C-16',
    section: '事故・違反歴',
    clause: '§4.6.1',
    title: { ja: '過去の事故と再発防止', en: 'Past incidents and prevention' },
    question: {
      ja: '過去3年間に個人情報の事故や法令違反がないか、あった場合は原因を分析して再発防止策を終えていますか。',
      en: 'Has it been free of personal-information incidents and legal violations for three years, or, if not, has it analysed the cause and completed the corrective action?',
    },
  },
  {
    id: 'C-17',
    section: '経営・反社',
    critical: true,
    clause: '§4.4.3.4 選定基準（当社の追加項目。マニュアルには明記なし）',
    title: { ja: '反社会的勢力との関係', en: 'No ties to anti-social forces' },
    question: {
      ja: '委託先とその役員が反社会的勢力と関係がないことを確認し、その旨の表明・確約を書面で受けていますか。',
      en: 'Have we confirmed that the contractor and its officers have no ties to anti-social forces, with a written representation to that effect?',
    },
  },
  {
    id: 'C-18',
    section: '経営・反社',
    clause: '§4.4.3.4 選定基準（当社の追加項目。マニュアルには明記なし）',
    title: { ja: '経営の安定性', en: 'Business stability' },
    question: {
      ja: '財務状況や事業の継続性に不安がなく、委託期間を通じて業務を続けられる見込みがありますか。',
      en: 'Is the contractor financially sound and likely to keep providing the service throughout the contract?',
    },
  },
];

export const CONTRACT_SECTIONS: readonly SectionDef[] = [
  { key: '契約', title: { ja: '契約で定める事項', en: 'Contract terms' } },
];

/**
 * The eight items §4.4.3.4 (1)–(8) requires the contract to lay down, titled in the manual's words (auditors compare
 * them with the manual); `formerly` keeps the short titles of workbooks made before 2026-12 readable.
 */
export const CONTRACT_ITEMS: readonly QuestionDef[] = [
  {
    id: 'K-1',
    section: '契約',
    clause: '§4.4.3.4(1)',
    title: { ja: '委託者及び受託者の責任の明確化', en: 'Clear responsibilities of both parties' },
    formerly: { title: ['委託者・受託者の責任'] },
    question: {
      ja: '当社と委託先がそれぞれ何に責任を負うかが契約に書かれていますか。',
      en: 'Does the contract say what we and the contractor are each responsible for?',
    },
  },
  {
    id: 'K-2',
    section: '契約',
    clause: '§4.4.3.4(2)',
    title: { ja: '個人情報の安全管理に関する事項', en: 'Security of the personal information' },
    formerly: { title: ['安全管理に関する事項'] },
    question: {
      ja: '委託先が守るべき安全管理（秘密保持、目的外利用の禁止、複製・持出しの制限など）が契約に定められていますか。',
      en: 'Does the contract set the security measures the contractor must keep (confidentiality, no use beyond the purpose, limits on copying and removal)?',
    },
  },
  {
    id: 'K-3',
    section: '契約',
    clause: '§4.4.3.4(3)',
    title: { ja: '再委託に関する事項', en: 'Subcontracting' },
    question: {
      ja: '再委託の可否、事前承諾の手続、再委託先にも同じ義務を負わせることが契約に定められていますか。',
      en: 'Does the contract say whether subcontracting is allowed, how our prior consent is obtained, and that subcontractors carry the same obligations?',
    },
  },
  {
    id: 'K-4',
    section: '契約',
    clause: '§4.4.3.4(4)',
    title: {
      ja: '個人情報の取扱状況に関する委託者への報告の内容及び頻度',
      en: 'What the contractor reports to us about its handling, and how often',
    },
    formerly: { title: ['取扱状況の報告'] },
    question: {
      ja: '委託先が個人情報の取扱状況を当社に報告する内容と頻度が決められていますか。',
      en: 'Does the contract fix what the contractor reports to us about its handling of the data, and how often?',
    },
  },
  {
    id: 'K-5',
    section: '契約',
    clause: '§4.4.3.4(5)',
    title: {
      ja: '契約内容が遵守されていることを委託者が、定期的に、及び適宜に確認できる事項',
      en: 'Our right to check compliance, regularly and whenever needed',
    },
    formerly: { title: ['遵守状況の確認'] },
    question: {
      ja: '当社が定期的に、また必要なときに、立入りや資料の提出で契約の遵守状況を確認できることが定められていますか。',
      en: 'May we check compliance regularly and whenever needed (site visits, documents), as the contract states?',
    },
  },
  {
    id: 'K-6',
    section: '契約',
    clause: '§4.4.3.4(6)',
    title: { ja: '契約内容が遵守されなかった場合の措置', en: 'Measures when the contract is not kept' },
    formerly: { title: ['契約違反時の措置'] },
    question: {
      ja: '契約が守られなかったときの措置（是正の要求、契約解除、損害賠償など）が定められていますか。',
      en: 'Does the contract set what happens on a breach (demand for correction, termination, damages)?',
    },
  },
  {
    id: 'K-7',
    section: '契約',
    clause: '§4.4.3.4(7)',
    title: { ja: '事件・事故が発生した場合の報告・連絡に関する事項', en: 'Reporting and contact on an incident' },
    formerly: { title: ['事件・事故時の報告・連絡'] },
    question: {
      ja: '事件・事故が起きたときに、誰に、いつまでに、どのように報告・連絡するかが定められていますか。',
      en: 'Does the contract say how, to whom and how quickly an incident must be reported?',
    },
  },
  {
    id: 'K-8',
    section: '契約',
    clause: '§4.4.3.4(8)',
    title: { ja: '契約終了後の措置', en: 'After the contract ends' },
    question: {
      ja: '契約終了時に個人情報を返却・消去・廃棄すること、その証明の方法が定められていますか。',
      en: 'Does the contract require the data to be returned, erased or destroyed when it ends, and say how that is evidenced?',
    },
  },
];

/** The contract item about subcontracting, which CE-SUBCONTRACT requires when the contractor subcontracts. */
export const SUBCONTRACT_ITEM = 'K-3';
