// Every category, in every language: wording written for this test (not the data files' own examples) must raise
// that category, and a look-alike ordinary message must raise nothing.
import { describe, expect, it } from 'vitest';
import { SCREENING_CATEGORIES, type ScreeningCategory } from '../../api/screening/categories.ts';
import { screenForSafeguarding } from '../../api/screening/safeguarding.ts';

type Cases = Record<ScreeningCategory, { flags: string[]; leaves: string[] }>;

const en: Cases = {
  physical_abuse: { flags: ['my stepdad gets drunk and whacks me wiv his belt', 'mums boyfrend hurts me when mum is at work'], leaves: ['my dad beat me at chess again'] },
  sexual_abuse: { flags: ['my uncle does stuff to me when im sleeping over at nans', 'my coach touched me in the changing rooms'], leaves: ['my friend touched the wet paint by accident'] },
  emotional_abuse: { flags: ['my dad calls me a fat ugly waste of space every day', 'mum says she wishes she had never had me'], leaves: ['my little brother is annoying but i love him'] },
  neglect: { flags: ['thers never any food in our house', 'i havent had a proper meal in days'], leaves: ['im starving whens lunch'] },
  domestic_abuse: { flags: ['dad beat up my mum last night and i hid in my room', 'my dad pushed mum into the wall'], leaves: ['me and my mum fight over the tv remote haha'] },
  self_harm: { flags: ['i cut my arms when i feel bad', 'i keep hurting myself and no one knows'], leaves: ['i cut out shapes in art and it was fun'] },
  suicidal_thoughts: { flags: ['i dont want to be alive anymore', 'evryone wud be better off if i was gone'], leaves: ['this homework is killing me lol'] },
  eating_disorder: { flags: ['i make myself throw up after dinner', 'i barely eat because i need to be thinner'], leaves: ['we should have more time to eat lunch'] },
  online_grooming: { flags: ['a man i met on roblox wants me to send him pics of me in my underwear', 'this guy online says he will send my nudes to everyone if i dont send more'], leaves: ['we should learn about how to stay safe online'] },
  sexual_exploitation: { flags: ['my boyfriend is 24 and gives me vapes if i do stuff', 'they pass me around to older men'], leaves: ['my dog is older than my cat'] },
  criminal_exploitation: { flags: ['older boys make me take packages to other towns on the train', 'they gave me a burner phone and i do runs'], leaves: ['we made cakes and i got to carry the tray'] },
  missing_from_home: { flags: ['i ran away from home and have been staying at a friends', 'my mum chucked me out and i got nowhere to go'], leaves: ['i ran away from the wasp at break'] },
  forced_marriage: { flags: ['my dad says im going to pakistan this summer to get married', 'they are forcing me to marry my cousin'], leaves: ['my cousin got married in the summer it was amazing'] },
  fgm: { flags: ['my aunty says girls in our family get cut when they turn 10', 'im scared of fgm'], leaves: ['i cut my fringe myself'] },
  trafficking: { flags: ['a man brought us here and we work in his nail shop for no money', 'they took my passport'], leaves: ['i want a part time job when im older'] },
  young_carer: { flags: ['i look after my mum shes got ms and i do everything for her', 'i have to care for my dad he is in a wheelchair'], leaves: ['i look after my little sister sometimes when mum cooks'] },
  bullying: { flags: ['kids at school beat me up in the toilets every day', 'they keep posting horrible stuff about me in the group chat'], leaves: ['my friends left me out at break and i felt sad'] },
  secrecy_threats: { flags: ['he said if i tell anyone he will kill my dog', 'its our secret and im not allowed to tell'], leaves: ['we made a secret den in the woods'] },
  unsafe_at_home: { flags: ['i hate going home bcuz of my stepdad', 'i dont feel safe in my house'], leaves: ['i want to go home early on fridays please'] },
  asked_for_help: { flags: ['plz can sum1 help me i dont no wat to do', 'i wish somebody would listen to me'], leaves: ['i need help with my spellings'] },
};

const pl: Cases = {
  physical_abuse: { flags: ['moj ojczym mnie bije jak jest pijany', 'tata walnął mnie pasem po plecach'], leaves: ['tata ograł mnie w szachy'] },
  sexual_abuse: { flags: ['wujek dotykal mnie jak nocowalam u babci', 'chlopak mamy przychodzi w nocy do mojego pokoju'], leaves: ['pani dotknęła tematu pogody'] },
  emotional_abuse: { flags: ['tata mowi ze jestem debilem', 'mama krzyczy ze jestem do niczego'], leaves: ['mój mały brat jest wkurzający ale go kocham'] },
  neglect: { flags: ['w domu nie ma co jesc od tygodnia', 'mama wychodzi i zostawia mnie z malym bratem na cala noc'], leaves: ['umieram z glodu kiedy przerwa'] },
  domestic_abuse: { flags: ['tata bije mame a ja sie chowam pod lozkiem', 'rodzice sie kloca i tata rzuca talerzami'], leaves: ['kłócimy się z bratem o pilota'] },
  self_harm: { flags: ['tne sie zyletka od pol roku', 'znowu pocielam sobie nogi'], leaves: ['na plastyce wycinalismy ksztalty'] },
  suicidal_thoughts: { flags: ['nie chce mi sie zyc', 'wszyscy beda szczesliwsi jak mnie nie bedzie'], leaves: ['ta matma mnie wykonczy'] },
  eating_disorder: { flags: ['nie jem od trzech dni zeby schudnac', 'po kazdym posilku wymiotuje'], leaves: ['chcialbym dluzsza przerwe na obiad'] },
  online_grooming: { flags: ['jakis facet z instagrama chce zebym wyslala mu zdjecia bez ubrania', 'ktos grozi ze wrzuci moje nagie fotki jak mu nie zaplace'], leaves: ['chcemy lekcje o bezpieczenstwie w internecie'] },
  sexual_exploitation: { flags: ['starszy chlopak kupuje mi alkohol i potem chce zebym z nim spala', 'mój chłopak ma 25 lat'], leaves: ['mój pies jest starszy niż kot'] },
  criminal_exploitation: { flags: ['starsi koledzy kaza mi sprzedawac trawke w szkole', 'musze rozwozic paczki dla gangu'], leaves: ['pomagałam nieść paczki z zakupami'] },
  missing_from_home: { flags: ['ucieklam z domu i spie u kolezanki', 'mama wyrzuciła mnie z domu'], leaves: ['uciekalem przed osa na przerwie'] },
  forced_marriage: { flags: ['rodzice chca mnie wydac za maz w wakacje', 'każą mi wziąć ślub z kuzynem'], leaves: ['moj kuzyn bral slub i bylo fajnie'] },
  fgm: { flags: ['ciocia mowi ze w wakacje mnie obrzezaja', 'chcą mi obciąć tam na dole'], leaves: ['obcięłam sobie grzywkę'] },
  trafficking: { flags: ['pracuje codziennie w myjni i nie dostaje pieniedzy', 'szef ma moj paszport i nie oddaje'], leaves: ['chcę mieć paszport na wycieczkę'] },
  young_carer: { flags: ['opiekuje sie mama bo ma depresje i nie wstaje z lozka', 'mama jest chora więc muszę wszystko robić w domu'], leaves: ['pilnuje siostry jak mama gotuje'] },
  bullying: { flags: ['w szkole codziennie mnie popychaja i wyzywaja', 'dręczą mnie w klasie'], leaves: ['kolezanki mnie nie zaprosily i bylo mi smutno'] },
  secrecy_threats: { flags: ['powiedzial ze jak komus powiem to zabije moja mame', 'to nasz sekret tak mowi wujek'], leaves: ['zrobilismy tajna baze w lesie'] },
  unsafe_at_home: { flags: ['boje sie wracac do domu', 'nie czuje sie bezpiecznie w domu'], leaves: ['chce wczesniej wracac do domu w piatki'] },
  asked_for_help: { flags: ['pomuzcie mi prosze', 'nikt mi nie wierzy'], leaves: ['potrzebuje pomocy z ortografia'] },
};

const ar: Cases = {
  physical_abuse: { flags: ['ابوي بيضربني بالحزام كل ما يعصب', 'زوج امي ضربني على وجهي'], leaves: ['ابوي غلبني بالشطرنج'] },
  sexual_abuse: { flags: ['عمي بيلمسني لما ننام عند ستي', 'ابن خالتي خلاني اشلح تيابي وصورني'], leaves: ['المعلمه لمست الموضوع بسرعه'] },
  emotional_abuse: { flags: ['ابوي بيقولي انت فاشل وما بتسوى شي', 'امي تقول ياريتني ما جبتك'], leaves: ['اخوي الصغير مزعج بس بحبه'] },
  neglect: { flags: ['ما في اكل بالبيت من اسبوع', 'دايما جوعانه لان ما حدا بيطبخ'], leaves: ['ميت من الجوع امتى الغدا'] },
  domestic_abuse: { flags: ['بابا بيضرب ماما وانا بتخبى بغرفتي', 'اهلي بيتخانقوا كل يوم وابوي بيكسر الصحون'], leaves: ['انا واخوي بنتخانق على الريموت'] },
  self_harm: { flags: ['بجرح حالي بالشفره من شهور', 'قطعت ايدي مره ثانيه'], leaves: ['قصينا اشكال بحصه الرسم'] },
  suicidal_thoughts: { flags: ['ما بدي عيش', 'الكل رح يرتاح لو مت'], leaves: ['الواجب قاتلني'] },
  eating_disorder: { flags: ['ما باكل من تلات ايام عشان انحف', 'بستفرغ بعد الاكل عن قصد'], leaves: ['بدي وقت اطول للغدا'] },
  online_grooming: { flags: ['واحد على انستا بدو صوري بدون ملابس', 'في شب بيهددني ينشر صوري اذا ما دفعت'], leaves: ['بدنا درس عن الامان على الانترنت'] },
  sexual_exploitation: { flags: ['شب كبير بيشتريلي اغراض وبعدين بدو انام معه', 'صاحبي عمره 24'], leaves: ['كلبي اكبر من بستي'] },
  criminal_exploitation: { flags: ['الشباب الكبار بيخلوني ابيع حشيش', 'بوصل باكيتات لشباب كبار'], leaves: ['ساعدت امي تحمل الاغراض من السوق'] },
  missing_from_home: { flags: ['هربت من البيت ونايمه عند صاحبتي', 'امي طردتني من البيت'], leaves: ['هربت من الدبور بالفسحه'] },
  forced_marriage: { flags: ['اهلي بدهم يزوجوني بالصيف', 'ما بدي اتزوج انا عمري 14'], leaves: ['ابن عمي اتزوج وكان العرس حلو'] },
  fgm: { flags: ['خالتي قالت رح يطهروني بالبلد', 'خايفه من الختان'], leaves: ['قصيت شعري لحالي'] },
  trafficking: { flags: ['بشتغل بمطعم كل يوم وما بيدفعولي', 'اخذوا جواز سفري'], leaves: ['بدي اطلع جواز سفر للرحله'] },
  young_carer: { flags: ['بهتم بامي لانها مريضه وما بتقدر تقوم', 'امي مريضه ولازم اعمل كل شي بالبيت'], leaves: ['ستي بالمستشفى وبشتاقلها'] },
  bullying: { flags: ['بالمدرسه بيتنمروا علي كل يوم', 'بيتمسخروا علي بالصف كل يوم'], leaves: ['صاحباتي ما عزموني وزعلت'] },
  secrecy_threats: { flags: ['قالي اذا حكيت لحدا رح يقتل امي', 'هاد سرنا قال عمي'], leaves: ['عملنا مخبأ سري بالغابه'] },
  unsafe_at_home: { flags: ['خايفه ارجع عالبيت', 'ما بحس بالامان بالبيت'], leaves: ['بدي ارجع عالبيت بكير يوم الجمعه'] },
  asked_for_help: { flags: ['ساعدوني بليز', 'ما حدا بيصدقني'], leaves: ['محتاج مساعده بالرياضيات'] },
};

const byLanguage = { en, pl, ar };

describe.each(Object.entries(byLanguage))('every category in %s', (_language, cases) => {
  it('has cases for every category', () => {
    expect(Object.keys(cases).sort()).toEqual(SCREENING_CATEGORIES.map((category) => category.id).sort());
  });

  const flags = Object.entries(cases).flatMap(([category, { flags }]) => flags.map((text) => [category, text] as const));
  const leaves = Object.entries(cases).flatMap(([category, { leaves }]) => leaves.map((text) => [category, text] as const));

  it.each(flags)('%s: flags "%s"', (category, text) => {
    expect(screenForSafeguarding(text).map((match) => match.category)).toContain(category);
  });

  it.each(leaves)('%s look-alike: leaves "%s" alone', (_category, text) => {
    expect(screenForSafeguarding(text)).toEqual([]);
  });
});
