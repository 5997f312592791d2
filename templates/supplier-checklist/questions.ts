// The 37 clauses of the sustainable procurement guideline (第1版, 2024-11-01), one question each. Titles follow the
// guideline's clause headings; the questions are the project's own wording of what each clause asks of a supplier,
// phrased so that はい means "we have it in place and can show it".
// Question texts must not end in a bracket: foldLabel drops a trailing (…) when the reader compares locked texts.
import type { QuestionDef, SectionDef } from '../model/types.js';

export const SECTIONS: readonly SectionDef[] = [
  { key: 'I', title: { ja: '法令遵守・国際規範の尊重', en: 'Legal compliance and international norms' } },
  { key: 'II', title: { ja: '人権・労働', en: 'Human rights and labour' } },
  { key: 'III', title: { ja: '安全衛生', en: 'Occupational health and safety' } },
  { key: 'IV', title: { ja: '環境', en: 'Environment' } },
  { key: 'V', title: { ja: '公正取引・倫理', en: 'Fair trade and ethics' } },
  { key: 'VI', title: { ja: '品質・安全性', en: 'Quality and product safety' } },
  { key: 'VII', title: { ja: '情報セキュリティ', en: 'Information security' } },
];

/** Clauses whose failure is a red flag and for which 該当なし is not accepted (but see NA_ACCEPTED). */
export const CRITICAL: readonly string[] = ['I', 'II-1', 'II-2', 'II-5', 'V-1', 'V-2', 'V-9'];

/**
 * Critical clauses that accept 該当なし with a reason: V-9 asks about 「製造している製品」 (G:381), so a supplier that
 * makes no products answers 該当なし and says so; it is left out of the score like any other 該当なし.
 */
export const NA_ACCEPTED: readonly string[] = ['V-9'];

type Q = [id: string, titleJa: string, titleEn: string, questionJa: string, questionEn: string];

const ROWS: readonly Q[] = [
  [
    'I',
    '法令遵守・国際規範の尊重',
    'Legal compliance and respect for international norms',
    '事業を行う国・地域で適用される法令を一覧にして遵守状況を定期的に確認し、国際的な行動規範の尊重を方針として定め、自社の調達先にも同じ対応を求めていますか。',
    'Do you keep a list of the laws that apply in each country or region where you operate and check compliance periodically, have a policy of respecting international norms of conduct, and ask your own suppliers to do the same?',
  ],
  [
    'II-1',
    '強制的な労働の禁止',
    'Prohibition of forced labour',
    '全ての従業員が自らの意思で働き自由に退職できることを就業規則等で定め、暴行・脅迫・監禁、身体的・精神的虐待、弱い立場につけ込む雇用や欺瞞による雇用、孤立させること、賃金の支払保留や強制的な貯金、借金による拘束、過度の残業の強制、移動の制限、身分証明書・旅券・労働許可証の原本の預かり、従業員が理解できない言語での契約、採用・斡旋手数料の従業員負担が、いずれもないことを確認していますか。',
    'Do your work rules state that all employees work of their own free will and may leave freely, and have you confirmed that none of the following occurs: violence, threats or confinement; physical or mental abuse; hiring that exploits vulnerability or uses deception; isolation; withholding of wages or forced savings; debt bondage; forced excessive overtime; restrictions on movement; holding original ID documents, passports or work permits; contracts in a language the employee cannot understand; recruitment or placement fees charged to employees?',
  ],
  [
    'II-2',
    '児童労働の禁止と若年労働者の保護',
    'No child labour; protection of young workers',
    '採用時に公的書類で年齢を確認して記録し、最低就業年齢未満の者を雇用しない手順があり、18歳未満の従業員を深夜業務や危険有害業務に就かせないよう管理していますか。',
    'Do you check and record each recruit’s age against an official document, have a procedure that prevents hiring anyone under the minimum working age, and keep workers under 18 away from night work and hazardous work?',
  ],
  [
    'II-3',
    '労働時間',
    'Working hours',
    '従業員の労働時間・休日・休暇を記録し、時間外労働が所在国の法令と労使の取決め（日本では36協定）の上限内であること、週1日以上（連続24時間以上）の休日と法定の休暇・休憩が与えられていることを確認していますか。',
    'Do you record employees’ working hours, days off and leave, and confirm that overtime stays within the limits of local law and of any agreement with employees (in Japan, the Article 36 agreement), and that employees get at least one day off a week (24 consecutive hours) and the breaks and leave the law gives them?',
  ],
  [
    'II-4',
    '適切な賃金',
    'Fair wages',
    '法定最低賃金以上の賃金と時間外手当・法定手当を支払い、内訳の分かる賃金明細書を交付し、法令に反する減給をしていないことを確認していますか。',
    'Do you pay at least the legal minimum wage plus overtime and statutory allowances, give every employee an itemised payslip, and confirm that no deductions are made that the law does not allow?',
  ],
  [
    'II-5',
    '非人道的な扱いの禁止',
    'Prohibition of inhumane treatment',
    '虐待・体罰・ハラスメントを禁止する規程を定めて従業員に周知し、相談窓口を設け、申し出があった場合に調査し是正する手順がありますか。',
    'Do you have rules that prohibit abuse, corporal punishment and harassment, made known to all employees, with a point of contact for complaints and a procedure to investigate and correct what is reported?',
  ],
  [
    'II-6',
    '差別の禁止',
    'Non-discrimination',
    '採用・昇進・報酬・研修の機会を能力・適性・成果などの合理的な要素で決め、人種・性別・年齢・国籍・宗教・障がい・性的指向などによる差別を禁止する方針があり、差別を通報した人を不利益な扱いから守っていますか。',
    'Do you decide hiring, promotion, pay and training on reasonable grounds such as ability, aptitude and results, have a policy forbidding discrimination on grounds such as race, sex, age, nationality, religion, disability or sexual orientation, and protect people who report discrimination from retaliation?',
  ],
  [
    'II-7',
    '従業員の団結権',
    'Freedom of association',
    '従業員が報復・脅迫・嫌がらせを受けることなく、労働組合や労働者評議会などに加入する自由と加入しない自由、抗議行動を行う自由、労使で協議する権利を尊重し、それを妨げない方針と運用になっていますか。',
    'Do your policy and practice respect employees’ freedom to join or not to join a union or workers’ council, to protest and to bargain with management, without retaliation, threats or harassment?',
  ],
  [
    'III-1',
    '職場の安全',
    'Workplace safety',
    '職場の危険（電気・火気・車両・転倒・落下物など）を評価し、設備・手順・保護具による対策を講じ、妊娠中・授乳中の従業員への配慮を定めていますか。',
    'Have you assessed workplace hazards such as electricity, fire, vehicles, slips and falling objects, put in place engineering, procedural and protective-equipment controls, and set out accommodations for pregnant and nursing employees?',
  ],
  [
    'III-2',
    '緊急時の対応',
    'Emergency preparedness',
    '災害・事故を想定した緊急時の手順（通報、避難経路、消火・警報設備、連絡手段、復旧計画）を定めて職場のすぐ手の届く場所に保管または掲示し、避難訓練を含む教育を定期的に行っていますか。',
    'Have you written emergency procedures for likely disasters and accidents, covering reporting, evacuation routes, fire detection and suppression, communications and recovery, kept them within easy reach at the workplace or posted them, and do you train employees, including evacuation drills, regularly?',
  ],
  [
    'III-3',
    '労働災害・労働疾病',
    'Occupational injury and illness',
    '労働災害と業務上の疾病を報告・記録・調査して原因への是正策を講じる手順があり、所在国の法令に従って労働災害の保険（日本では労災保険）への加入と行政への届出を行っていますか。',
    'Do you have a procedure to report, record and investigate occupational injuries and illnesses and to correct their causes, and, as local law requires, are you insured for workplace accidents (in Japan, workers’ accident compensation insurance) and filing the reports the authorities require?',
  ],
  [
    'III-4',
    '職場の衛生',
    'Industrial hygiene',
    '有害な化学物質・粉じん・騒音・悪臭などへのばく露を把握・測定し、管理基準の設定、保護具の支給、教育などの対策を講じていますか。',
    'Do you identify and measure employees’ exposure to harmful chemicals, dust, noise and odours, and control it with exposure limits, protective equipment and training?',
  ],
  [
    'III-5',
    '身体的負荷のかかる作業への配慮',
    'Physically demanding work',
    '重量物の取扱いや長時間の反復作業など身体的負荷の大きい作業を特定し、休憩、補助具、作業の分担などで負荷を管理していますか。',
    'Have you identified physically demanding tasks, such as manual handling of heavy loads or long repetitive work, and do you manage the strain with breaks, lifting aids and shared work?',
  ],
  [
    'III-6',
    '機械装置の安全対策',
    'Machine safeguarding',
    '使用する機械装置に安全装置・防護柵・インターロックなどの安全対策を講じ、定期点検と保守を行って記録していますか。',
    'Are the machines you use fitted with safeguards such as safety devices, guards and interlocks, and do you inspect and maintain them regularly and keep records?',
  ],
  [
    'III-7',
    '施設の安全衛生',
    'Safe and sanitary facilities',
    '従業員に提供する施設（食堂・トイレ・更衣室・寮など）について、清潔さ、飲料水、換気・温度、防火、避難口、私物の保管を定期的に点検していますか。',
    'Do you regularly inspect the facilities you provide to employees, such as canteens, toilets, locker rooms and dormitories, for cleanliness, drinking water, ventilation and temperature, fire safety, emergency exits and secure storage of belongings?',
  ],
  [
    'III-8',
    '従業員の健康管理',
    'Employee health management',
    '所在国の法令が定める健康診断を全ての従業員に実施し、長時間労働による健康障害の防止（日本では医師による面接指導）とメンタルヘルス対策を行っていますか。',
    'Do all employees receive the health checks local law requires, and do you prevent health damage from long working hours (in Japan, interviews with a doctor) and provide mental-health support?',
  ],
  [
    'III-9',
    '安全衛生のコミュニケーション',
    'Health and safety communication',
    '安全衛生に関する情報と教育・訓練を、従業員が理解できる言語で作業開始前と定期的に提供し、従業員が安全上の懸念を申し出る仕組みがありますか。',
    'Do you give employees health and safety information and training in a language they understand, before they start work and at regular intervals, and is there a way for them to raise safety concerns?',
  ],
  [
    'IV-1',
    '行政からの許認可',
    'Environmental permits and reporting',
    '事業に必要な環境関連の許認可・届出と法定の管理者（廃棄物、エネルギー、公害防止、危険物など）の選任を一覧で管理し、行政への報告を期限内に提出していますか。',
    'Do you keep a list of the environmental permits, notifications and legally required managers (waste, energy, pollution control, hazardous materials) your business needs, and file the required reports with the authorities on time?',
  ],
  [
    'IV-2',
    'エネルギー効率と資源管理',
    'Energy efficiency and resource management',
    'エネルギー使用量・温室効果ガス排出量・廃棄物量を把握して継続的な削減に取り組み、廃棄物を法令に従って処理していますか。',
    'Do you measure your energy use, greenhouse-gas emissions and waste, work continuously to reduce them, and dispose of waste as the law requires?',
  ],
  [
    'IV-3',
    '環境への影響の最小化(排水・汚泥・排気など)',
    'Minimising environmental impact (wastewater, sludge, air emissions)',
    '排水・汚泥・排気を法令の基準に従って監視・測定して記録し、大気・土壌・地下水の汚染を防ぐ対策を講じていますか。',
    'Do you monitor, measure and record wastewater, sludge and air emissions against legal limits, and take measures to prevent pollution of air, soil and groundwater?',
  ],
  [
    'IV-4',
    '製造工程で用いる化学物質の管理',
    'Chemicals used in manufacturing',
    '製造工程で使う法規制対象の化学物質を特定し、使用量・排出量を把握して行政に報告し、排出の削減に取り組んでいますか。製造工程がない場合は「該当なし」とし、その旨をコメントに記入してください。',
    'Have you identified the regulated chemicals used in your manufacturing processes, and do you track their use and release, report them to the authorities and work to reduce releases? If you have no manufacturing processes, answer Not applicable and say so in the comment.',
  ],
  [
    'IV-5',
    '製品に含有する化学物質の管理',
    'Chemical substances in products',
    '製品への含有が禁止・制限されている化学物質を管理し、必要な表示・試験を行い、求めに応じて含有情報を提供できますか。',
    'Do you control the substances that are banned or restricted in products, carry out the required labelling and testing, and can you provide content information when asked?',
  ],
  [
    'V-1',
    '腐敗防止',
    'Anti-corruption',
    '公務員等への贈賄、違法な政治献金、恐喝、横領を禁止する規程があり、従業員教育と、接待・贈答を記録・承認する手続きを運用していますか。',
    'Do you have rules prohibiting bribery of public officials, illegal political donations, extortion and embezzlement, train employees on them, and record and approve entertainment and gifts?',
  ],
  [
    'V-2',
    '不適切な利益供与および受領の禁止',
    'No improper benefits; exclusion of antisocial forces',
    '社会的儀礼を超える金品・接待の授受とインサイダー取引を禁止する規程があり、取引先が反社会的勢力でないことを確認する手続き（契約の排除条項など）を運用していますか。',
    'Do you have rules prohibiting gifts or entertainment beyond social courtesy and insider trading, and a procedure, such as exclusion clauses in contracts, to confirm that business partners are not organised crime or other antisocial forces?',
  ],
  [
    'V-3',
    '情報提供・開示',
    'Information disclosure',
    '事業内容、財務状況、ESG情報、重大な事故や法令違反などのリスク情報を、法定の義務がなくても利害関係者に適時に開示する方針または手順がありますか。',
    'Do you have a policy or procedure for disclosing your business activities, financial position, ESG information and risk information such as serious incidents or legal violations to stakeholders in a timely way, whether or not the law requires it?',
  ],
  [
    'V-4',
    '知的財産の尊重',
    'Respect for intellectual property',
    '開発・販売の前に第三者の知的財産を調査し、ソフトウェアのライセンスを管理し、秘密保持と知的財産の帰属を契約で定めていますか。',
    'Do you check third-party intellectual property before developing or selling products and services, manage software licences, and set out confidentiality and ownership of intellectual property in your contracts?',
  ],
  [
    'V-5',
    '優越的地位の濫用の禁止',
    'No abuse of a dominant position',
    '自社の調達先との取引条件を書面で合意し、一方的な変更や不当な要求をせず、優越的地位の濫用を規制する所在国の法令（日本では独占禁止法と、2026年1月1日に下請法から改められた取適法）の支払期日などの定めを守っていることを確認していますか。',
    'Do you agree terms with your own suppliers in writing, avoid changing them one-sidedly or making unreasonable demands, and check that you comply with the local laws against abuse of a dominant position, including payment deadlines (in Japan, the Antimonopoly Act and the Act on Fair Transactions with Small and Medium Entrusted Businesses, which replaced the Subcontract Act on 1 January 2026)?',
  ],
  [
    'V-6',
    '競争制限的行為の禁止',
    'No anti-competitive conduct',
    'カルテル、入札談合、不正競争行為を禁止する規程があり、営業部門を中心に従業員教育を行っていますか。',
    'Do you have rules prohibiting cartels, bid rigging and unfair competition, and train employees on them, especially in sales?',
  ],
  [
    'V-7',
    '正確な製品・サービス情報の提供',
    'Accurate product and service information',
    '製品・サービスの仕様・品質・取扱方法・含有物質の情報と、カタログや広告の表示が正確であることを、公開前に確認する手順がありますか。',
    'Do you have a procedure to check, before release, that specifications, quality and handling information, content information, catalogues and advertising about your products and services are accurate?',
  ],
  [
    'V-8',
    '不正行為の予防・早期発見',
    'Preventing and detecting misconduct',
    '不正防止の教育を行い、社内または社外に通報窓口を設け、通報者の秘密を守って匿名でも通報できるようにし、通報者への報復を禁止していますか。',
    'Do you train employees to prevent misconduct, run an internal or external whistleblowing channel that keeps reporters’ identities confidential and accepts anonymous reports, and prohibit retaliation against reporters?',
  ],
  [
    'V-9',
    '責任ある鉱物調達',
    'Responsible minerals sourcing',
    '製造している製品に含まれるスズ・タンタル・タングステン・金などの鉱物が、紛争地域・高リスク地域での人権侵害等に関わっていないか、自己評価と調達先への確認を進めていますか。製品を製造していない場合は「該当なし」とし、その旨をコメントに記入してください。',
    'For the products you manufacture, do you assess yourself and check with your suppliers whether tin, tantalum, tungsten, gold and other minerals in them contribute to human-rights abuses or conflict in conflict-affected and high-risk areas? If you do not manufacture products, answer Not applicable and say so in the comment.',
  ],
  [
    'V-10',
    '適切な輸出入管理',
    'Export and import control',
    '規制対象の貨物・技術に当たるかの判定（該非判定）を行い、輸出入の許可取得などの手続きを管理する体制（責任者・規程）がありますか。',
    'Do you have an organisation, with a responsible person and rules, for classifying goods and technology against export and import controls and handling the licences and procedures they require?',
  ],
  [
    'V-11',
    'プライバシーの尊重',
    'Respect for privacy',
    '顧客・第三者・従業員のプライバシーを尊重する方針（プライバシーポリシーなど）を定めて公表し、個人情報を利用目的の範囲内で取り扱っていますか。',
    'Have you adopted and published a policy, such as a privacy policy, that respects the privacy of customers, third parties and employees, and do you use personal information only for the stated purposes?',
  ],
  [
    'VI-1',
    '製品安全性の確保',
    'Product safety',
    '自社で設計する製品が販売先の国の安全基準を満たすことを設計時と出荷前に確認して記録していますか。自社で製品設計を行わない場合は「該当なし」とし、その旨をコメントに記入してください。',
    'Do you check and record, at design and before shipment, that the products you design meet the safety standards of the countries where they are sold? If you do not design products yourself, answer Not applicable and say so in the comment.',
  ],
  [
    'VI-2',
    '品質管理',
    'Quality management',
    '法令と顧客の品質要求を満たすための品質管理の仕組み（品質基準、検査、不適合の是正など）を運用していますか。',
    'Do you run a quality management system, with quality standards, inspection and correction of nonconformities, that meets legal and customer quality requirements?',
  ],
  [
    'VII-1',
    'サイバー攻撃に対する防御',
    'Defence against cyber attacks',
    'マルウェア対策、ソフトウェアの更新、標的型メールへの注意喚起などのサイバー攻撃対策を講じ、重要データのバックアップと被害時の復旧計画を用意していますか。',
    'Do you protect against cyber attacks with anti-malware, software updates and awareness of targeted e-mail, back up important data, and have a plan to recover from an attack?',
  ],
  [
    'VII-2',
    '個人情報および機密情報の漏洩防止',
    'Preventing leaks of personal and confidential information',
    '個人情報と、顧客や取引先から受け取った機密情報について、取扱規程、アクセス管理、従業員教育、定期的な監査と見直しを行っていますか。',
    'For personal information and for confidential information received from customers and business partners, do you have handling rules, access control, employee training, and regular audits and reviews?',
  ],
];

/** Wordings used before 2026-12 that returned workbooks still hold; their answers are read as answers to that wording. */
const FORMERLY: Readonly<Record<string, readonly string[]>> = {
  'II-1': [
    '全ての従業員が自らの意思で働き自由に退職できることを就業規則等で定め、身分証明書・旅券原本の預かり、採用手数料の従業員負担、従業員が理解できない言語での契約がないことを確認していますか。',
  ],
  'II-3': [
    '従業員の労働時間・休日・休暇を記録し、時間外労働が法令と労使協定の上限内であること、週1日以上の休日と法定の休暇・休憩が与えられていることを確認していますか。',
  ],
  'II-6': [
    '採用・昇進・報酬・研修の機会を能力・適性・成果だけで決め、人種・性別・年齢・国籍・宗教・障がい・性的指向などによる差別を禁止する方針があり、差別を通報した人を不利益な扱いから守っていますか。',
  ],
  'II-7': [
    '従業員が報復を受けることなく労働組合等に加入し、または加入せず、労使協議を行う権利を尊重し、それを妨げない方針と運用になっていますか。',
  ],
  'III-2': [
    '災害・事故を想定した緊急時の手順（通報、避難経路、消火・警報設備、連絡手段、復旧計画）を定めて職場に掲示し、避難訓練を含む教育を定期的に行っていますか。',
  ],
  'III-3': [
    '労働災害と業務上の疾病を報告・記録・調査して原因への是正策を講じる手順があり、労災保険への加入と行政への届出を行っていますか。',
  ],
  'III-8': ['法定の健康診断を全ての従業員に実施し、長時間労働者への面接指導やメンタルヘルス対策を行っていますか。'],
  'IV-2': [
    'エネルギー使用量・温室効果ガス排出量・廃棄物量を把握して削減目標と取組を定め、廃棄物を法令に従って処理していますか。',
  ],
  'V-5': [
    '自社の調達先との取引条件を書面で合意し、一方的な変更や不当な要求をせず、下請法などの法令（支払期日など）を守っていることを確認していますか。',
  ],
  'V-8': ['不正防止の教育を行い、社内または社外に通報窓口を設け、通報者の秘密を守り報復を禁止していますか。'],
  'V-9': [
    '製品に含まれるスズ・タンタル・タングステン・金などの鉱物が紛争地域・高リスク地域の人権侵害等に関わっていないか、調達先への調査などで確認していますか。該当する鉱物を含む製品を扱わない場合は、そのことを確認したうえで「はい」とし、取組内容欄に記入してください。',
  ],
  'V-10': [
    '規制対象の貨物・技術に当たるかを判定し、輸出入の許可取得などの手続きを管理する体制（責任者・規程）がありますか。',
  ],
  'IV-4': [
    '製造工程で使う法規制対象の化学物質を特定し、使用量・排出量を把握して行政に報告し、排出の削減に取り組んでいますか。',
  ],
};

export const QUESTIONS: readonly QuestionDef[] = ROWS.map(([id, titleJa, titleEn, questionJa, questionEn]) => ({
  id,
  section: id.split('-')[0],
  title: { ja: titleJa, en: titleEn },
  question: { ja: questionJa, en: questionEn },
  ...(CRITICAL.includes(id) ? { critical: true } : {}),
  clause: id,
  ...(FORMERLY[id] ? { formerly: { question: FORMERLY[id] } } : {}),
}));
